// The one protocol module shared by the Worker and the web client.
export * from "./quiz";
export * from "./rest";
export * from "./frames";
export * from "./archive";
export * from "./report";
export * from "./ops";

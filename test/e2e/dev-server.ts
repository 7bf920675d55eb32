// The dev server helper lives with the load tools (chaos, soak) that start servers too.
export * from "../load/dev-server";

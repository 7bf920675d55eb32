// Friendly, neutral nickname suggestions (adjective + animal), at most 20 characters.
const ADJECTIVES = ["Brave", "Clever", "Happy", "Swift", "Sunny", "Lucky", "Mighty", "Curious", "Jolly", "Calm", "Bold", "Witty", "Zesty", "Cosmic", "Gentle", "Nimble"];
const ANIMALS = ["Otter", "Panda", "Falcon", "Koala", "Tiger", "Dolphin", "Fox", "Owl", "Lynx", "Puffin", "Gecko", "Badger", "Heron", "Yak", "Moose", "Lemur"];

export function suggestName(random: () => number = Math.random): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

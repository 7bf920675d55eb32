// Nickname moderation with obscenity's English dataset (leetspeak, spacing and confusable
// characters are normalised by its recommended transformers).
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";

let matcher: RegExpMatcher | undefined;

/** Built on first use, so isolates that never see a join do not pay for it. */
const getMatcher = () => (matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers }));

export const isOffensive = (nickname: string): boolean => getMatcher().hasMatch(nickname);

const ADJECTIVES = ["Brave", "Clever", "Happy", "Swift", "Sunny", "Calm", "Bright", "Lucky", "Jolly", "Keen", "Bold", "Witty"];
const ANIMALS = ["Otter", "Panda", "Falcon", "Koala", "Fox", "Dolphin", "Owl", "Tiger", "Badger", "Heron", "Lynx", "Puffin"];

/** A neutral nickname to offer instead, at most 20 characters ("Clever Otter 42"). */
export function neutralNickname(random: () => number = Math.random): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${10 + Math.floor(random() * 90)}`;
}

// Nickname moderation with obscenity's English dataset (leetspeak and confusable characters are
// normalised by its recommended transformers; letters spelled out with separators are joined here).
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";

let matcher: RegExpMatcher | undefined;

/** Built on first use, so isolates that never see a join do not pay for it. */
const getMatcher = () => (matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers }));

export function isOffensive(nickname: string): boolean {
  const m = getMatcher();
  if (m.hasMatch(nickname)) return true;
  // "f u c k", "s.h.i.t": the dataset matches words, so spelled-out letters are joined and checked
  // again. Only when (nearly) every part is one letter, so "Cass Hole" stays a name.
  const parts = nickname.split(/[\s._\-*~+|/\\]+/u).filter(Boolean);
  const single = parts.filter((p) => [...p].length === 1).length;
  return parts.length >= 3 && single >= parts.length - 1 && m.hasMatch(parts.join(""));
}

const ADJECTIVES = ["Brave", "Clever", "Happy", "Swift", "Sunny", "Calm", "Bright", "Lucky", "Jolly", "Keen", "Bold", "Witty"];
const ANIMALS = ["Otter", "Panda", "Falcon", "Koala", "Fox", "Dolphin", "Owl", "Tiger", "Badger", "Heron", "Lynx", "Puffin"];

/** A neutral nickname to offer instead, at most 20 characters ("Clever Otter 42"). */
export function neutralNickname(random: () => number = Math.random): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${10 + Math.floor(random() * 90)}`;
}

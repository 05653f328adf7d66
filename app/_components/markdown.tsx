import { cardHtml } from "@/lib/site/card/card-html";

/**
 * A model card body: Markdown rendered off the request thread to sanitized HTML (lib/site/card), or the text
 * itself when rendering it ran past its time limit.
 */
export async function Markdown({ source }: { source: string }) {
  const rendered = await cardHtml(source);
  if (!rendered.ok) {
    return (
      <div>
        <p className="mb-3 text-sm text-amber-700 dark:text-amber-400">Note: {rendered.reason}.</p>
        <pre className="max-h-[40rem] overflow-auto whitespace-pre-wrap break-words text-sm">{source}</pre>
      </div>
    );
  }
  // The HTML comes from rehype-sanitize with GitHub's schema: no raw HTML, script URLs or event attributes.
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: rendered.html }} />;
}

// Rewrites the development manifest (https://localhost:3000/…) for the server that hosts dist/.
// Used by webpack.config.js (`npm run build -- --env url=https://…/`) and by the tests.

/** Where the development manifest and the dev server put the add-in. */
export const DEV_BASE_URL = "https://localhost:3000/";

/** A base URL that cannot host the add-in; the message is for the person running the build. */
export class BaseUrlError extends Error {
  override name = "BaseUrlError";
}

/**
 * Parses the address given to the build as a URL parser does (an IDN host becomes punycode, a Chinese
 * path is percent-encoded) and makes it a folder: `https://oa.example.cn/party-ledger` → `…/party-ledger/`.
 */
export function normalizeBaseUrl(input: string): URL {
  const text = input.trim();
  if (!text) throw new BaseUrlError("加载项地址为空：请写作 --env url=https://服务器/目录/");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`加载项地址 "${text}" 不是有效的绝对 URL（应写作 https://服务器/目录/）`);
  }
  if (url.protocol !== "https:")
    throw new BaseUrlError(`加载项地址 ${text} 必须使用 https：Office 只加载 https 上的加载项`);
  if (!url.hostname) throw new BaseUrlError(`加载项地址 ${text} 没有主机名`);
  if (url.username || url.password) throw new BaseUrlError(`加载项地址 ${text} 不能包含用户名或密码`);
  if (url.search || url.hash || text.includes("?") || text.includes("#"))
    throw new BaseUrlError(`加载项地址 ${text} 不能带查询串（?）或锚点（#）：请给出 dist/ 所在的目录`);
  if (!url.pathname.endsWith("/")) url.pathname = `${url.pathname}/`;
  return url;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The origin the development manifest uses: that of <DefaultSettings>/<SourceLocation>. */
function sourceOrigin(xml: string): string {
  const match = /<DefaultSettings>\s*<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  if (!match) throw new Error("manifest.xml 中没有 <DefaultSettings>/<SourceLocation DefaultValue=…>");
  return new URL(match[1]).origin;
}

/**
 * The manifest with every URL on the development origin moved under `baseUrl`:
 * `https://localhost:3000/assets/icon-32.png` → `<baseUrl>assets/icon-32.png`; an AppDomain (an origin
 * without a path) becomes the new origin. Everything else in the file stays byte for byte.
 */
export function manifestForUrl(xml: string, baseUrl: string): string {
  const base = normalizeBaseUrl(baseUrl);
  const origin = sourceOrigin(xml);
  // The origin, then an optional path up to the end of the attribute value or element text.
  const pattern = new RegExp(`${escapeRegExp(origin)}(/[^"'<>\\s]*)?`, "g");
  const rewritten = xml.replace(pattern, (_whole, pathPart: string | undefined) =>
    escapeXml(pathPart === undefined ? base.origin : new URL(pathPart.slice(1), base).href),
  );
  const devHost = new URL(origin).hostname;
  if (base.hostname !== devHost && rewritten.toLowerCase().includes(devHost.toLowerCase()))
    throw new Error(`改写后的 manifest 仍含有 ${devHost}：manifest.xml 中有不以 ${origin} 开头的开发地址`);
  return rewritten;
}

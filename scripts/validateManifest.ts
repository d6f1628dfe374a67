// Offline checker for manifest.xml: `npx tsx scripts/validateManifest.ts manifest.xml`.
// It checks what this add-in relies on (shared runtime, custom functions, ribbon button, one origin);
// `npm run validate:online` runs Microsoft's full schema validation, which needs the network.
// A built manifest (`npm run validate -- dist/manifest.xml`, or `--production`) is also checked for
// deployment: https, one origin and one folder for every URL, no localhost, the files next to it.
import fs from "fs";
import path from "path";
import { DOMParser, type Element } from "@xmldom/xmldom";

export interface ManifestProblem {
  rule: string;
  message: string;
}

export const MANIFEST_RULES = [
  "missing-element",
  "element-order",
  "unresolved-resid",
  "foreign-url",
  "namespace",
  "permissions",
  "shared-runtime",
  "requirement-sets",
  "malformed-xml",
  "production",
] as const;
export type ManifestRule = (typeof MANIFEST_RULES)[number];

export const REQUIRED_NAMESPACE = "PARTY";
export const REQUIRED_PERMISSIONS = "ReadWriteDocument";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const MAX_RESID_LENGTH = 32;
// Microsoft's SourceLocation reference: a URL between 1 and 2018 characters.
const MAX_SOURCE_LOCATION_LENGTH = 2018;

export interface ValidateOptions {
  /** Check a manifest meant for deployment (built with `--env url=…`), not the development one. */
  production?: boolean;
  /** With `production`: whether a path relative to the add-in folder exists next to the manifest. */
  fileExists?: (relativePath: string) => boolean;
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const RESOURCE_KINDS: readonly ResourceKind[] = ["Images", "Urls", "ShortStrings", "LongStrings"];

interface Resource {
  id: string;
  kind: ResourceKind;
  element: Element;
  defaultValue: string | null;
}

// ---------- DOM helpers ----------

function nameOf(element: Element): string {
  return element.localName ?? element.nodeName;
}

function xsiTypeOf(element: Element): string {
  return element.getAttributeNS(XSI_NS, "type") || element.getAttribute("xsi:type") || "";
}

function childElements(parent: Element): Element[] {
  const result: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (node.nodeType === node.ELEMENT_NODE) result.push(node as Element);
  return result;
}

function descendants(root: Element | undefined, name = "*"): Element[] {
  return root ? Array.from(root.getElementsByTagNameNS("*", name)) : [];
}

/** `<Name id="x">`, `<Name xsi:type="T">` or `<Name>`: how messages name an element. */
function describe(element: Element): string {
  const name = nameOf(element);
  const id = element.getAttribute("id");
  if (id) return `<${name} id="${id}">`;
  const type = xsiTypeOf(element);
  if (type) return `<${name} xsi:type="${type}">`;
  const resid = element.getAttribute("resid");
  if (resid) return `<${name} resid="${resid}">`;
  return `<${name}>`;
}

/** The element's name with its nearest identifiable ancestor, e.g. `<Group id="PartyLedger.Group"> 中的 <Label>`. */
function locate(element: Element): string {
  for (let node = element.parentNode; node && node.nodeType === node.ELEMENT_NODE; node = node.parentNode) {
    const ancestor = node as Element;
    if (ancestor.getAttribute("id") || xsiTypeOf(ancestor) || !ancestor.parentNode || ancestor.parentNode.nodeType !== node.ELEMENT_NODE)
      return `${describe(ancestor)} 中的 <${nameOf(element)}>`;
  }
  return `<${nameOf(element)}>`;
}

interface Step {
  names: string[];
  attribute?: string;
  value?: string;
}

/** Parses a path such as `Hosts/Host[Name=Workbook]/ExtensionPoint[xsi:type=CustomFunctions]` or `OfficeTab|CustomTab`. */
function parsePath(pathText: string): Step[] {
  return pathText.split("/").map((part) => {
    const match = /^([\w|]+)(?:\[([\w:]+)=([\w.]+)\])?$/.exec(part);
    if (!match) throw new Error(`bad path step: ${part}`);
    return { names: match[1].split("|"), attribute: match[2], value: match[3] };
  });
}

function matchesStep(element: Element, step: Step): boolean {
  if (!step.names.includes(nameOf(element))) return false;
  if (step.attribute === undefined) return true;
  const actual = step.attribute === "xsi:type" ? xsiTypeOf(element) : element.getAttribute(step.attribute);
  return actual === step.value;
}

function findAll(parent: Element | undefined, pathText: string): Element[] {
  if (!parent) return [];
  let current = [parent];
  for (const step of parsePath(pathText)) current = current.flatMap((element) => childElements(element).filter((child) => matchesStep(child, step)));
  return current;
}

function find(parent: Element | undefined, pathText: string): Element | undefined {
  return findAll(parent, pathText)[0];
}

function textOf(element: Element | undefined): string {
  return (element?.textContent ?? "").trim();
}

// ---------- parsing ----------

type Parsed = { root: Element; problems: [] } | { root: undefined; problems: ManifestProblem[] };

function parse(xmlText: string): Parsed {
  const errors: string[] = [];
  let root: Element | undefined;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") errors.push(message);
      },
    });
    root = parser.parseFromString(xmlText, "text/xml").documentElement ?? undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!errors.includes(message)) errors.push(message);
  }
  if (errors.length > 0 || !root) {
    const detail = errors.length > 0 ? errors.join("；") : "没有根元素";
    return { root: undefined, problems: [{ rule: "malformed-xml", message: `manifest 不是格式正确的 XML：${detail}` }] };
  }
  return { root, problems: [] };
}

// ---------- the manifest model the rules share ----------

interface Manifest {
  root: Element;
  versionOverrides?: Element;
  host?: Element;
  customFunctions?: Element;
  desktop?: Element;
  resources: Map<string, Resource>;
  duplicateIds: string[];
}

const VO_HOST = "VersionOverrides/Hosts/Host[xsi:type=Workbook]";
const CUSTOM_FUNCTIONS = "AllFormFactors/ExtensionPoint[xsi:type=CustomFunctions]";

function readResources(versionOverrides: Element | undefined): Pick<Manifest, "resources" | "duplicateIds"> {
  const resources = new Map<string, Resource>();
  const duplicateIds: string[] = [];
  const container = find(versionOverrides, "Resources");
  for (const kind of RESOURCE_KINDS) {
    const itemName = kind === "Images" ? "Image" : kind === "Urls" ? "Url" : "String";
    for (const element of findAll(container, `${kind}/${itemName}`)) {
      const id = element.getAttribute("id") ?? "";
      if (resources.has(id)) duplicateIds.push(id);
      else resources.set(id, { id, kind, element, defaultValue: element.getAttribute("DefaultValue") });
    }
  }
  return { resources, duplicateIds };
}

function model(root: Element): Manifest {
  const versionOverrides = find(root, "VersionOverrides");
  const host = find(root, VO_HOST);
  return {
    root,
    versionOverrides,
    host,
    customFunctions: find(host, CUSTOM_FUNCTIONS),
    desktop: find(host, "DesktopFormFactor"),
    ...readResources(versionOverrides),
  };
}

// ---------- rule 1: missing-element ----------

const REQUIRED_PATHS = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts/Host[Name=Workbook]",
  // The SharedRuntime <Set> inside it is checked by the shared-runtime rule.
  "Requirements",
  "DefaultSettings/SourceLocation",
  "Permissions",
  `${VO_HOST}/Runtimes/Runtime`,
  `${VO_HOST}/${CUSTOM_FUNCTIONS}/Script/SourceLocation`,
  `${VO_HOST}/${CUSTOM_FUNCTIONS}/Page/SourceLocation`,
  `${VO_HOST}/${CUSTOM_FUNCTIONS}/Metadata/SourceLocation`,
  `${VO_HOST}/${CUSTOM_FUNCTIONS}/Namespace`,
  `${VO_HOST}/DesktopFormFactor/FunctionFile`,
  `${VO_HOST}/DesktopFormFactor/ExtensionPoint[xsi:type=PrimaryCommandSurface]/OfficeTab|CustomTab/Group/Control`,
  "VersionOverrides/Resources",
];

const REQUIRED_DEFAULT_VALUE = ["DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "DefaultSettings/SourceLocation"];
const REQUIRED_TEXT = ["Id", "Version", "ProviderName", "DefaultLocale"];

function checkRequiredElements(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const reported = new Set<string>();
  for (const required of REQUIRED_PATHS) {
    const steps = required.split("/");
    // Report only the first absent step, so a missing <VersionOverrides> is one problem, not twelve.
    for (let depth = 1; depth <= steps.length; depth++) {
      const prefix = steps.slice(0, depth).join("/");
      if (findAll(m.root, prefix).length > 0) continue;
      if (!reported.has(prefix)) {
        reported.add(prefix);
        problems.push({ rule: "missing-element", message: `缺少必需元素 <OfficeApp>/${prefix}` });
      }
      break;
    }
  }
  for (const pathText of REQUIRED_DEFAULT_VALUE) {
    const element = find(m.root, pathText);
    if (element && !element.getAttribute("DefaultValue"))
      problems.push({ rule: "missing-element", message: `<OfficeApp>/${pathText} 缺少 DefaultValue 属性` });
  }
  for (const pathText of REQUIRED_TEXT) {
    const element = find(m.root, pathText);
    if (element && !textOf(element)) problems.push({ rule: "missing-element", message: `<OfficeApp>/${pathText} 的内容为空` });
  }
  return problems;
}

// ---------- rule 2: element-order ----------

// Sequences from Microsoft's "How to find the proper order of manifest elements" (task pane add-ins).
const OFFICE_APP_ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "Dictionary", "VersionOverrides", "ExtendedOverrides",
];
const VERSION_OVERRIDES_ORDER = ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins", "VersionOverrides"];
const RESOURCES_ORDER = ["Images", "Urls", "ShortStrings", "LongStrings"];
const HOST_ORDER = ["Runtimes", "AllFormFactors", "DesktopFormFactor"];
const CUSTOM_FUNCTIONS_ORDER = ["Script", "Page", "Metadata", "Namespace"];
const FORM_FACTOR_ORDER = ["GetStarted", "FunctionFile", "ExtensionPoint"];
const GET_STARTED_ORDER = ["Title", "Description", "LearnMoreUrl"];
const GROUP_ORDER = ["OverriddenByRibbonApi", "Label", "Icon", "Control"];
const CONTROL_ORDER = ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled", "Items"];
const SUPERTIP_ORDER = ["Title", "Description"];
const SHOW_TASKPANE_ORDER = ["TaskpaneId", "SourceLocation", "Title"];
const REQUIREMENTS_ORDER = ["Sets", "Methods"];

function checkChildOrder(parent: Element | undefined, order: readonly string[], label: string): ManifestProblem[] {
  if (!parent) return [];
  const problems: ManifestProblem[] = [];
  let latest: { name: string; rank: number } | undefined;
  for (const child of childElements(parent)) {
    const name = nameOf(child);
    const rank = order.indexOf(name);
    if (rank < 0) continue;
    if (latest && rank < latest.rank)
      problems.push({
        rule: "element-order",
        message: `${label} 的子元素顺序错误：<${name}> 必须位于 <${latest.name}> 之前（架构顺序：${order.join(" → ")}）`,
      });
    else latest = { name, rank };
  }
  return problems;
}

function checkElementOrder(m: Manifest): ManifestProblem[] {
  const vo = m.versionOverrides;
  const problems = [
    ...checkChildOrder(m.root, OFFICE_APP_ORDER, "<OfficeApp>"),
    ...checkChildOrder(find(m.root, "Requirements"), REQUIREMENTS_ORDER, "<OfficeApp>/Requirements"),
    ...checkChildOrder(vo, VERSION_OVERRIDES_ORDER, "<VersionOverrides>"),
    ...checkChildOrder(find(vo, "Resources"), RESOURCES_ORDER, "<VersionOverrides>/Resources"),
  ];
  for (const host of findAll(vo, "Hosts/Host")) {
    const hostLabel = `<VersionOverrides>/Hosts/${describe(host)}`;
    problems.push(...checkChildOrder(host, HOST_ORDER, hostLabel));
    for (const extensionPoint of findAll(host, CUSTOM_FUNCTIONS))
      problems.push(...checkChildOrder(extensionPoint, CUSTOM_FUNCTIONS_ORDER, `${hostLabel} 中的 ${describe(extensionPoint)}`));
    for (const formFactor of findAll(host, "DesktopFormFactor")) {
      problems.push(...checkChildOrder(formFactor, FORM_FACTOR_ORDER, `${hostLabel}/DesktopFormFactor`));
      problems.push(...checkChildOrder(find(formFactor, "GetStarted"), GET_STARTED_ORDER, "<GetStarted>"));
    }
    for (const group of descendants(host, "Group")) problems.push(...checkChildOrder(group, GROUP_ORDER, describe(group)));
    for (const control of descendants(host, "Control")) problems.push(...checkChildOrder(control, CONTROL_ORDER, describe(control)));
    for (const supertip of descendants(host, "Supertip"))
      problems.push(...checkChildOrder(supertip, SUPERTIP_ORDER, `${describe(supertip.parentNode as Element)} 的 <Supertip>`));
    for (const action of descendants(host, "Action").filter((a) => xsiTypeOf(a) === "ShowTaskpane"))
      problems.push(...checkChildOrder(action, SHOW_TASKPANE_ORDER, `${describe(action.parentNode as Element)} 的 ${describe(action)}`));
  }
  return problems;
}

// ---------- rule 3: unresolved-resid ----------

const EXPECTED_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  Runtime: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function checkResids(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = m.duplicateIds.map((id) => ({
    rule: "unresolved-resid",
    message: `Resources 中的 id="${id}" 重复定义，resid 无法唯一解析`,
  }));
  const referencing = descendants(m.root).filter((element) => element.hasAttribute("resid"));
  for (const element of referencing) {
    const resid = element.getAttribute("resid") ?? "";
    const where = locate(element);
    if (resid.length > MAX_RESID_LENGTH)
      problems.push({ rule: "unresolved-resid", message: `${where} 的 resid="${resid}" 超过 ${MAX_RESID_LENGTH} 个字符` });
    const resource = m.resources.get(resid);
    const expected = EXPECTED_KIND[nameOf(element)];
    if (!resource)
      problems.push({
        rule: "unresolved-resid",
        message: `${where} 的 resid="${resid}" 在 Resources 中找不到对应的 id${expected ? `（应在 bt:${expected} 中定义）` : ""}`,
      });
    else if (expected && resource.kind !== expected)
      problems.push({
        rule: "unresolved-resid",
        message: `${where} 的 resid="${resid}" 指向 bt:${resource.kind}，应指向 bt:${expected} 中的条目`,
      });
  }
  // Resource references inside <VersionOverrides> must carry a resid at all.
  const references = [...findAll(m.versionOverrides, "Description"), ...descendants(find(m.versionOverrides, "Hosts"))];
  for (const element of references.filter((e) => nameOf(e) in EXPECTED_KIND && !e.hasAttribute("resid")))
    problems.push({ rule: "unresolved-resid", message: `${locate(element)} 缺少 resid 属性` });
  return problems;
}

// ---------- rule 4: foreign-url ----------

interface UrlUse {
  where: string;
  url: string;
  sameOrigin: boolean;
}

function overrideValues(element: Element): string[] {
  return childElements(element)
    .filter((child) => nameOf(child) === "Override")
    .map((child) => child.getAttribute("Value") ?? "");
}

function urlUses(m: Manifest): UrlUse[] {
  const uses: UrlUse[] = [];
  const addSetting = (pathText: string, sameOrigin: boolean) => {
    for (const element of findAll(m.root, pathText)) {
      const defaultValue = element.getAttribute("DefaultValue");
      if (defaultValue !== null) uses.push({ where: `<OfficeApp>/${pathText}`, url: defaultValue, sameOrigin });
      for (const value of overrideValues(element)) uses.push({ where: `<OfficeApp>/${pathText} 的 <Override>`, url: value, sameOrigin });
    }
  };
  addSetting("IconUrl", true);
  addSetting("HighResolutionIconUrl", true);
  addSetting("DefaultSettings/SourceLocation", true);
  // SupportUrl and LearnMoreUrl are documentation links: any https URL is fine.
  addSetting("SupportUrl", false);
  // AppDomains exist to name *other* domains the task pane may navigate to, so only https is required.
  for (const domain of findAll(m.root, "AppDomains/AppDomain")) uses.push({ where: "<AppDomains>/AppDomain", url: textOf(domain), sameOrigin: false });

  const learnMoreOnly = new Set<string>();
  const referencedElsewhere = new Set<string>();
  for (const element of descendants(m.root).filter((e) => e.hasAttribute("resid")))
    (nameOf(element) === "LearnMoreUrl" ? learnMoreOnly : referencedElsewhere).add(element.getAttribute("resid") ?? "");
  for (const resource of m.resources.values()) {
    if (resource.kind !== "Images" && resource.kind !== "Urls") continue;
    const sameOrigin = !(learnMoreOnly.has(resource.id) && !referencedElsewhere.has(resource.id));
    const where = `<bt:${nameOf(resource.element)} id="${resource.id}">`;
    if (resource.defaultValue !== null) uses.push({ where, url: resource.defaultValue, sameOrigin });
    for (const value of overrideValues(resource.element)) uses.push({ where: `${where} 的 <bt:Override>`, url: value, sameOrigin });
  }
  return uses;
}

function checkUrls(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const sourceLocation = find(m.root, "DefaultSettings/SourceLocation")?.getAttribute("DefaultValue");
  let origin: string | undefined;
  try {
    if (sourceLocation) origin = new URL(sourceLocation).origin;
  } catch {
    origin = undefined;
  }
  for (const use of urlUses(m)) {
    let parsed: URL;
    try {
      parsed = new URL(use.url);
    } catch {
      problems.push({ rule: "foreign-url", message: `${use.where} 的 "${use.url}" 不是有效的绝对 URL` });
      continue;
    }
    if (parsed.protocol !== "https:") problems.push({ rule: "foreign-url", message: `${use.where} 的 ${use.url} 必须使用 https` });
    else if (use.sameOrigin && origin && parsed.origin !== origin)
      problems.push({
        rule: "foreign-url",
        message: `${use.where} 的 ${use.url} 不在加载项源 ${origin}（DefaultSettings/SourceLocation）上`,
      });
  }
  return problems;
}

// ---------- rule 5: namespace ----------

function checkNamespace(m: Manifest): ManifestProblem[] {
  const namespace = find(m.customFunctions, "Namespace");
  const resource = m.resources.get(namespace?.getAttribute("resid") ?? "");
  // An absent <Namespace> or an unresolved resid is reported by missing-element / unresolved-resid.
  if (!namespace || !resource || resource.kind !== "ShortStrings") return [];
  const problems: ManifestProblem[] = [];
  if (resource.defaultValue !== REQUIRED_NAMESPACE)
    problems.push({
      rule: "namespace",
      message: `<Namespace> 引用的 <bt:String id="${resource.id}"> 的 DefaultValue 为 "${resource.defaultValue ?? ""}"，必须是 "${REQUIRED_NAMESPACE}"（公式写作 ${REQUIRED_NAMESPACE}.函数名）`,
    });
  for (const value of overrideValues(resource.element))
    if (value !== REQUIRED_NAMESPACE)
      problems.push({
        rule: "namespace",
        message: `<bt:String id="${resource.id}"> 的 <bt:Override> 把命名空间改成了 "${value}"；命名空间不可本地化，必须是 "${REQUIRED_NAMESPACE}"`,
      });
  return problems;
}

// ---------- rule 6: permissions ----------

function checkPermissions(m: Manifest): ManifestProblem[] {
  const permissions = find(m.root, "Permissions");
  if (!permissions || textOf(permissions) === REQUIRED_PERMISSIONS) return [];
  return [{ rule: "permissions", message: `<Permissions> 为 "${textOf(permissions)}"，必须是 ${REQUIRED_PERMISSIONS}` }];
}

// ---------- rule 7: shared-runtime ----------

function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] || 0) - (right[i] || 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The requirement sets the add-in uses, declared so that Office installs it only where it works (the
 * SharedRuntime set is checked by the shared-runtime rule). ExcelApi 1.9: the committee sheets' page
 * layout, headers/footers and page breaks (data validation is 1.8, freeze panes 1.7,
 * getItemOrNullObject 1.4). CustomFunctionsRuntime 1.1: the PARTY.* functions.
 */
export const REQUIRED_SETS: Readonly<Record<string, string>> = { ExcelApi: "1.9", CustomFunctionsRuntime: "1.1" };

function checkRequirementSets(m: Manifest): ManifestProblem[] {
  const sets = find(m.root, "Requirements/Sets");
  return Object.entries(REQUIRED_SETS).flatMap(([name, min]): ManifestProblem[] => {
    const set = find(sets, `Set[Name=${name}]`);
    if (!set) return [{ rule: "requirement-sets", message: `<Requirements>/Sets 中缺少 <Set Name="${name}" MinVersion="${min}"/>（加载项用到的最高版本）` }];
    const version = set.getAttribute("MinVersion") || sets?.getAttribute("DefaultMinVersion") || "";
    if (!/^\d+(\.\d+)*$/.test(version) || compareVersions(version, min) < 0)
      return [{ rule: "requirement-sets", message: `<Set Name="${name}"> 的 MinVersion 为 "${version}"，加载项用到 ${name} ${min}，至少应为 ${min}` }];
    return [];
  });
}

function checkSharedRuntime(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const sets = find(m.root, "Requirements/Sets");
  const set = find(sets, "Set[Name=SharedRuntime]");
  if (!set) {
    if (find(m.root, "Requirements"))
      problems.push({ rule: "shared-runtime", message: `<Requirements>/Sets 中缺少 <Set Name="SharedRuntime" MinVersion="1.1"/>` });
  } else {
    const version = set.getAttribute("MinVersion") || sets?.getAttribute("DefaultMinVersion") || "";
    if (!/^\d+(\.\d+)*$/.test(version) || compareVersions(version, "1.1") < 0)
      problems.push({ rule: "shared-runtime", message: `<Set Name="SharedRuntime"> 的 MinVersion 为 "${version}"，至少应为 1.1` });
  }

  const runtimes = findAll(m.host, "Runtimes/Runtime");
  if (runtimes.length > 1) problems.push({ rule: "shared-runtime", message: `<Runtimes> 中只能有一个 <Runtime>，当前有 ${runtimes.length} 个` });
  const runtime = runtimes[0];
  if (!runtime) return problems;
  const lifetime = runtime.getAttribute("lifetime");
  if (lifetime !== "long")
    problems.push({
      rule: "shared-runtime",
      message: `<Runtime resid="${runtime.getAttribute("resid") ?? ""}"> 的 lifetime 为 ${lifetime === null ? "未设置（默认 short）" : `"${lifetime}"`}，共享运行时必须是 "long"`,
    });

  const runtimeResid = runtime.getAttribute("resid") ?? "";
  const urlOf = (resid: string) => m.resources.get(resid)?.defaultValue ?? undefined;
  const runtimeUrl = urlOf(runtimeResid);
  const sameTarget = (resid: string) => resid === runtimeResid || (runtimeUrl !== undefined && urlOf(resid) === runtimeUrl);
  const shown = (resid: string) => `resid="${resid}"${urlOf(resid) ? `（${urlOf(resid)}）` : ""}`;

  // The task pane button is included: a shared runtime supports only one task pane page.
  const pointers: { label: string; element: Element | undefined }[] = [
    { label: "自定义函数的 <Page>/SourceLocation", element: find(m.customFunctions, "Page/SourceLocation") },
    { label: "<FunctionFile>", element: find(m.desktop, "FunctionFile") },
    ...descendants(m.desktop, "Action")
      .filter((action) => xsiTypeOf(action) === "ShowTaskpane")
      .map((action) => ({ label: `${describe(action.parentNode as Element)} 的 ShowTaskpane 动作`, element: find(action, "SourceLocation") })),
  ];
  for (const { label, element } of pointers) {
    if (!element) continue;
    const resid = element.getAttribute("resid") ?? "";
    if (!sameTarget(resid))
      problems.push({
        rule: "shared-runtime",
        message: `${label} 指向 ${shown(resid)}，与 <Runtime> 的 ${shown(runtimeResid)} 不一致；共享运行时要求它们是同一个页面`,
      });
  }
  return problems;
}

// ---------- rule 8: production (built manifests only) ----------

const DEV_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;
const DEV_TEXT = /\b(localhost|127\.0\.0\.1)\b|\[::1\]/i;
const REBUILD_HINT = "用 npm run build -- --env url=https://服务器/目录/ 构建";

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Any attribute or text in the file that still names the developer's machine. */
function devAddresses(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const element of [m.root, ...descendants(m.root)]) {
    const values: { label: string; value: string }[] = [];
    for (const attribute of Array.from(element.attributes)) values.push({ label: ` 的 ${attribute.name}`, value: attribute.value });
    for (let node = element.firstChild; node; node = node.nextSibling)
      if (node.nodeType === node.TEXT_NODE) values.push({ label: " 的内容", value: node.nodeValue ?? "" });
    for (const { label, value } of values)
      if (DEV_TEXT.test(value))
        problems.push({
          rule: "production",
          message: `${element.getAttribute("id") ? describe(element) : locate(element)}${label} "${value.trim()}" 仍指向开发机：生产清单中不能有 localhost 或 127.0.0.1（${REBUILD_HINT}）`,
        });
  }
  return problems;
}

function checkProduction(m: Manifest, options: ValidateOptions): ManifestProblem[] {
  const problems = devAddresses(m);
  const namesDevMachine = problems.length > 0;
  const sourceText = find(m.root, "DefaultSettings/SourceLocation")?.getAttribute("DefaultValue") ?? "";
  const source = tryUrl(sourceText);
  // A missing or unparsable SourceLocation is reported by missing-element / foreign-url.
  if (!source) return problems;
  if (sourceText.length > MAX_SOURCE_LOCATION_LENGTH)
    problems.push({
      rule: "production",
      message: `<OfficeApp>/DefaultSettings/SourceLocation 长 ${sourceText.length} 个字符，超过 Office 允许的 ${MAX_SOURCE_LOCATION_LENGTH}；请换一个短一些的目录`,
    });
  if (DEV_HOST.test(source.hostname) && !namesDevMachine)
    problems.push({ rule: "production", message: `加载项地址 ${source.origin} 是开发机；${REBUILD_HINT}` });

  const folder = new URL("./", source).href;
  const runtimeResid = find(m.host, "Runtimes/Runtime")?.getAttribute("resid") ?? "";
  const runtimeUrl = m.resources.get(runtimeResid)?.defaultValue;
  if (runtimeUrl && runtimeUrl !== sourceText)
    problems.push({
      rule: "production",
      message: `<OfficeApp>/DefaultSettings/SourceLocation 为 ${sourceText}，而 <Runtime> 的 resid="${runtimeResid}" 为 ${runtimeUrl}；二者应是同一个任务窗格页面`,
    });

  const checkedFiles = new Set<string>();
  for (const use of urlUses(m)) {
    const url = tryUrl(use.url);
    // Unparsable and non-https URLs are reported by foreign-url; same-origin ones off the origin too.
    if (!url || url.protocol !== "https:") continue;
    const isDomain = use.where.startsWith("<AppDomains>");
    if (url.origin !== source.origin) {
      if (!use.sameOrigin)
        problems.push({
          rule: "production",
          message: `${use.where} 的 ${use.url} 不在加载项源 ${source.origin} 上；生产清单中的每个地址都应在 dist/ 所在的服务器上`,
        });
      continue;
    }
    if (isDomain) continue;
    if (!url.href.startsWith(folder)) {
      problems.push({ rule: "production", message: `${use.where} 的 ${use.url} 不在加载项目录 ${folder} 下（SourceLocation 所在的目录）` });
      continue;
    }
    const relative = decodeURIComponent(url.pathname.slice(new URL(folder).pathname.length));
    if (options.fileExists && !checkedFiles.has(relative)) {
      checkedFiles.add(relative);
      if (!options.fileExists(relative))
        problems.push({ rule: "production", message: `${use.where} 指向 ${relative}，但 manifest 旁边没有这个文件（dist/ 不完整？）` });
    }
  }
  return problems;
}

// ---------- entry points ----------

export function validateManifest(xmlText: string, options: ValidateOptions = {}): ManifestProblem[] {
  const parsed = parse(xmlText);
  if (!parsed.root) return parsed.problems;
  const root = parsed.root;
  if (nameOf(root) !== "OfficeApp")
    return [{ rule: "missing-element", message: `根元素必须是 <OfficeApp>，实际是 <${nameOf(root)}>` }];
  const problems: ManifestProblem[] = [];
  if (xsiTypeOf(root) !== "TaskPaneApp")
    problems.push({ rule: "missing-element", message: `<OfficeApp> 必须带 xsi:type="TaskPaneApp"，实际是 "${xsiTypeOf(root)}"` });
  const m = model(root);
  problems.push(
    ...checkRequiredElements(m),
    ...checkElementOrder(m),
    ...checkResids(m),
    ...checkUrls(m),
    ...checkNamespace(m),
    ...checkPermissions(m),
    ...checkSharedRuntime(m),
    ...checkRequirementSets(m),
    ...(options.production ? checkProduction(m, options) : []),
  );
  return problems;
}

const DEVELOPMENT_MANIFEST = path.resolve(__dirname, "..", "manifest.xml");
const USAGE = "用法：validateManifest [--production | --development] [manifest.xml …]";

function sameFile(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * CLI: returns 0 when every manifest passes, 1 when one has problems, 2 when one cannot be read.
 * The repository's manifest.xml is the development manifest; any other file (dist/manifest.xml) is
 * checked as a production manifest. `--production` / `--development` choose for every file.
 */
export function main(args: readonly string[]): number {
  let forced: "production" | "development" | undefined;
  const files: string[] = [];
  for (const arg of args) {
    if (arg === "--production" || arg === "--prod") forced = "production";
    else if (arg === "--development" || arg === "--dev") forced = "development";
    else if (arg.startsWith("-")) {
      console.error(`未知选项 ${arg}。${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) files.push("manifest.xml");
  let status = 0;
  for (const file of files) status = Math.max(status, checkFile(file, forced ? forced === "production" : !sameFile(file, DEVELOPMENT_MANIFEST)));
  return status;
}

function checkFile(file: string, production: boolean): number {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    console.error(`无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const folder = path.dirname(path.resolve(file));
  // The files are checked only beside a built manifest (dist/ holds taskpane.html next to it).
  const beside = production && fs.existsSync(path.join(folder, "taskpane.html"));
  const fileExists = beside ? (relative: string) => fs.existsSync(path.join(folder, relative)) : undefined;
  const problems = validateManifest(text, { production, fileExists });
  const name = displayName(file);
  if (problems.length === 0) {
    if (!production) console.log(`${name} 校验通过`);
    else {
      const source = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(text)?.[1] ?? "";
      console.log(`${name} 校验通过（生产清单：${source ? new URL("./", source).href : "?"}${beside ? "，所引用的文件都在" : ""}）`);
    }
    return 0;
  }
  console.error(`${name}${production ? "（生产清单）" : ""} 有 ${problems.length} 个问题：`);
  for (const problem of problems) console.error(`  [${problem.rule}] ${problem.message}`);
  return 1;
}

/** How messages name a file: relative to the working directory when inside it, else in full. */
function displayName(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

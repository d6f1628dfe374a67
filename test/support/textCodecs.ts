// jsdom (the environment of the web page's hook tests) has no TextEncoder/TextDecoder; every browser
// the page runs in has them, and so does node: give jsdom node's.
import { TextDecoder, TextEncoder } from "util";

const scope = globalThis as Record<string, unknown>;
scope.TextEncoder ??= TextEncoder;
scope.TextDecoder ??= TextDecoder;

/* eslint-disable @typescript-eslint/no-require-imports */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_SERVER_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const PREVIEW_PORT = Number(process.env.PREVIEW_PORT || 3001);

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    // ES modules let webpack drop the Fluent UI icons we do not use (a commonjs build bundles all of them).
    options: {
      onlyCompileBundledFiles: true,
      compilerOptions: { module: "esnext", moduleResolution: "bundler", noEmit: false },
    },
  },
};

/**
 * HTTPS options for the dev server, read only when serving. office-addin-dev-certs may be unable to
 * trust its CA on this machine (no sudo); then say so and serve plain http (a browser can open the
 * pages; Excel loads only https add-ins).
 */
async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (error) {
    console.warn(
      `\n[dev-server] 无法取得 Office 开发证书（${error.message}）。\n` +
        "  Excel 只加载 https 加载项：请在有管理员权限的机器上运行 `npx office-addin-dev-certs install`。\n" +
        "  现以 http 方式启动：页面只能在浏览器中打开。\n",
    );
    return { type: "http" };
  }
}

/** An error webpack-cli prints as one line in Chinese, without a stack. */
function buildError(message) {
  const error = new Error(message);
  error.stack = `构建未开始：${message}`;
  return error;
}

/**
 * `--env url=https://服务器/目录/`: the address dist/ will be served from. The copied manifest.xml then
 * points there (scripts/manifestForUrl.ts); without it the manifest keeps https://localhost:3000/.
 */
function manifestTransform(env) {
  if (!env || env.url === undefined) return undefined;
  if (typeof env.url !== "string") throw buildError("--env url 需要一个地址：npm run build -- --env url=https://服务器/目录/");
  // The rewriting lives in TypeScript, unit-tested with the manifest checker: tsx loads it here
  // (under jest, whose ts-jest already compiles TypeScript, a plain require does).
  const { manifestForUrl, normalizeBaseUrl } = typeof jest !== "undefined"
    ? require("./scripts/manifestForUrl.ts")
    : require("tsx/cjs/api").require("./scripts/manifestForUrl.ts", __filename);
  let base;
  try {
    base = normalizeBaseUrl(env.url).href;
  } catch (error) {
    throw buildError(error.message);
  }
  console.log(`[build] manifest.xml 中的加载项地址：${base}`);
  return (content) => manifestForUrl(content.toString("utf8"), base);
}

/**
 * `--env web`: the offline web page (网页版), dist-web/: the task pane beside an editable grid of the
 * clerk's own .xlsx, opened from disk. One script with relative paths, so the folder works opened
 * straight from disk (file://) as well as from any plain server; nothing is loaded from elsewhere.
 *
 * Served (`npm run web`, or `npm run preview`, which adds `--env demo`) at http://127.0.0.1:3001/.
 * With `--env demo` the bare address opens the demo workbook (/ → /?demo); ?empty starts a blank one.
 */
function webConfig(dev, env) {
  const serving = Boolean(env.WEBPACK_SERVE);
  // The page forbids every connection (connect-src 'none'). Only the dev server's page may reach the
  // dev server: live reload talks over its websocket and fetches hot updates from the same origin.
  const connectSrc = serving ? `'self' ws://127.0.0.1:${PREVIEW_PORT} ws://localhost:${PREVIEW_PORT}` : "'none'";
  return {
    devtool: dev ? "source-map" : false,
    entry: { web: "./src/web/index.tsx" },
    output: { path: path.resolve(__dirname, "dist-web"), filename: "[name].js", publicPath: "", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    optimization: { splitChunks: false },
    plugins: [new HtmlWebpackPlugin({ filename: "index.html", template: "./src/web/web.html", hash: !dev, templateParameters: { connectSrc } })],
    performance: { maxAssetSize: 2 * 1024 * 1024, maxEntrypointSize: 2 * 1024 * 1024 },
    devServer: {
      static: false,
      port: PREVIEW_PORT,
      host: "127.0.0.1",
      open: false,
      setupMiddlewares: (middlewares) =>
        env.demo
          ? [{ name: "demo-workbook", middleware: (req, res, next) => (req.method === "GET" && req.url === "/" ? res.redirect(302, "/?demo") : next()) }, ...middlewares]
          : middlewares,
    },
  };
}

/**
 * functions.json gets `allowErrorForDataTypeAny: true` (custom functions metadata reference): Excel then calls
 * PARTY.* with an error cell in a range instead of answering the error itself, and the functions name the cell.
 * custom-functions-metadata has no JSDoc tag for it, so it is set on the generated file.
 */
class AllowErrorInputsPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("AllowErrorInputsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AllowErrorInputsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return;
        const metadata = JSON.parse(asset.source.source().toString());
        compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify({ ...metadata, allowErrorForDataTypeAny: true }, null, 4)));
      });
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  if (env && env.web) return webConfig(dev, env);
  const transformManifest = manifestTransform(env);
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [tsRule],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new AllowErrorInputsPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the functions run in the task pane's page.
        chunks: ["functions", "taskpane"],
        // ?<build hash> on the script URLs: a new dist/ is not hidden behind cached bundles.
        hash: !dev,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", ...(transformManifest ? { transform: transformManifest } : {}) },
        ],
      }),
    ],
    performance: { maxAssetSize: 1024 * 1024, maxEntrypointSize: 1024 * 1024 },
  };
  if (env && env.WEBPACK_SERVE) {
    config.devServer = {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: await httpsOptions(),
      port: DEV_SERVER_PORT,
    };
  }
  return config;
};

// Placeholder for npm scripts whose feature is not built yet: says so and fails, never pretends.
const what = process.argv[2] ?? "此命令";
const issues: Record<string, string> = {
  demo: "示例工作簿（npm run demo）尚未实现：它依赖工作簿网关与 CLI（issue 4）、公示与审批表（issue 6），由 issue 8 完成。",
};
console.error(issues[what] ?? `${what} 尚未实现。`);
process.exit(1);

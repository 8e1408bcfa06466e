// Usage: who may run what here and now (admission), what was spent (reports) and its 30-day chart, as /usage shows them.
export { channelAllowed, isPremiumResolution, limitProblems, mayUsePremium, permissionProblems, serverLimitWords, type JobAsk, type MemberFacts } from "./admission.js";
export { renderUsageChart } from "./chart.js";
export { memberUsageEmbed, serverUsageEmbed, usageChartFile } from "./embeds.js";
export { lastDays, sumSpend, usageReport } from "./report.js";
export { ownInstallLimitWords, userInstallSettings, type UserInstallLimits } from "./user-install.js";
export { showUserInstallUsage, type UserInstallUsageDeps } from "./user-install-usage.js";

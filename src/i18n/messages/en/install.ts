// A member's own install of the app (DMs, group DMs, servers that did not add the bot): the operator's limits and
// what Discord decides there.
export const install = {
  "forcedPrivate":
    "Only you can see this: this server does not let members' own apps post publicly, so Discord keeps the bot's replies private here.",
  "modelOff": "{model} is not available through your own install of the bot. Pick another model.",
  "inFlight":
    "You already have {max, plural, one {# job} other {# jobs}} running, the most allowed through your own install. Wait for one to finish.",
  "imagesUsed": "You have used {used} of your {quota} images for today through your own install; it resets {resets}.",
  "imagesLeft":
    "You have {left} of your {quota} images left today and asked for {asked}; ask for fewer, or wait until it resets {resets}.",
  "budgetSpent": "Your daily budget for your own install is spent; it resets {resets}.",
  "budgetOver":
    "This would go over what is left of your daily budget ({left, number, ::currency/USD}); try a cheaper model or fewer images, or wait until it resets {resets}.",
  "usageTitle": "Your usage today (your own install)",
  "usageScope":
    "Counted for your own install of the bot: DMs, group DMs and servers that did not add it. The bot's operator sets these limits.",
} as const;

// Replies any command or button may give.
export const common = {
  "unknownCommand": "That command is no longer part of this bot. Discord may still be showing an old list; try again in a minute.",
  "inactiveComponent": "This button or form is no longer active. Run the command again to get a fresh one.",
  "internalError":
    "Something went wrong on our side (ref {ref}). Please try again; if it keeps happening, tell a server admin and quote the ref.",
  "seconds": "{seconds, number, ::.0} s",
} as const;

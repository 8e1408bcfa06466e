// The shape every language's messages take: English's namespaces and keys, each an ICU message.
import type { messages as en } from "./en/index.js";

type English = typeof en;
export type Namespace = keyof English;

/** One namespace's messages in another language: the same keys as English. */
export type Messages<N extends Namespace> = { readonly [K in keyof English[N]]: string };
export type Catalog = { readonly [N in Namespace]: Messages<N> };

/** "namespace.key" for every message. */
export type MessageKey = { [N in Namespace]: `${N}.${Extract<keyof English[N], string>}` }[Namespace];

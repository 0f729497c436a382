import { createContext, useContext } from "react";

// The per-request CSP nonce. Set on the server by entry.server; empty in the browser,
// which hides nonce attributes from scripts anyway.
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

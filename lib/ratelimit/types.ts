export type LimitResult = {
  success: boolean;
  remaining: number;
  /** When the window frees a slot (ms since epoch). */
  reset: number;
  backend: "redis" | "memory" | "unavailable";
};

export type LimitSpec = { tokens: number; windowSeconds: number };

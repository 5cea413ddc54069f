import { describe, expect, it } from "vitest";
import { EnvError, llmMode, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives every setting a default for the embedded mode", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CHROMA_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.SM2_MIN_EASINESS).toBe(1.3);
    expect(env.SM2_MAX_EASINESS).toBe(2.5);
    expect(env.SM2_INITIAL_EASINESS).toBe(2.5);
    expect(env.SM2_INITIAL_INTERVAL).toBe(1);
    expect(env.SM2_SECOND_INTERVAL).toBe(6);
    expect(env.GENERATIONS_PER_USER_PER_HOUR).toBe(10);
    expect(env.QUESTIONS_PER_USER_PER_DAY).toBe(100);
    expect(env.GENERATIONS_PER_IP_PER_HOUR).toBe(20);
    expect(env.MAX_CONCURRENT_MODEL_CALLS).toBe(5);
    expect(env.UPLOAD_MAX_FILE_MB).toBe(50);
    expect(env.UPLOAD_MAX_PAGES).toBe(1000);
    expect(typeof env.QUESTION_GEN_MODEL).toBe("string");
    expect(typeof env.EMBEDDING_MODEL).toBe("string");
    expect(llmMode(env)).toBe("offline");
  });

  it("coerces numbers and reads lists", () => {
    const env = parseEnv({ SM2_SECOND_INTERVAL: "4", PROHIBITED_TERMS: "Foo, bar ,," });
    expect(env.SM2_SECOND_INTERVAL).toBe(4);
    expect(env.PROHIBITED_TERMS).toEqual(["foo", "bar"]);
  });

  it.each([
    [{ SM2_MIN_EASINESS: "abc" }, "SM2_MIN_EASINESS"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ SM2_INITIAL_INTERVAL: "0" }, "SM2_INITIAL_INTERVAL"],
    [{ SM2_MIN_EASINESS: "2.6" }, "SM2_MIN_EASINESS"],
    [{ CHUNK_SIZE_WORDS: "100", CHUNK_OVERLAP_WORDS: "100" }, "CHUNK_OVERLAP_WORDS"],
    [{ RATE_LIMIT_ON_REDIS_DOWN: "maybe" }, "RATE_LIMIT_ON_REDIS_DOWN"],
  ])("a bad value stops start-up naming the variable: %o", (raw, name) => {
    expect(() => parseEnv(raw)).toThrow(EnvError);
    expect(() => parseEnv(raw)).toThrow(new RegExp(name));
  });

  it("treats empty strings as unset for optional URLs", () => {
    expect(parseEnv({ DATABASE_URL: "", REDIS_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("picks the provider from the OpenAI settings", () => {
    expect(llmMode(parseEnv({ OPENAI_API_KEY: "sk-test" }))).toBe("openai");
    expect(llmMode(parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }))).toBe("openai-compatible");
  });
});

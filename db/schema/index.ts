export * from "./auth";
export * from "./profiles";
export * from "./materials";
export * from "./questions";
export * from "./srs";
export * from "./blocks";
export * from "./blobs";

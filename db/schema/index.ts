export * from "./applications";
export * from "./audit";
export * from "./auth";
export * from "./organizations";
export * from "./places";
export * from "./settings";
export * from "./inspections";
export * from "./postings";

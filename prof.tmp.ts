import { baseTrainingExamples } from "./lib/tagging";
import { buildBaseModel, DEFAULT_BUILD } from "./lib/tagging/base-model";
const ex = baseTrainingExamples();
for (let i = 0; i < 2; i++) {
const t0 = performance.now();
buildBaseModel(ex, { ...DEFAULT_BUILD, calibrationFolds: 0, train: { ...DEFAULT_BUILD.train, epochs: 0 }, taxonomyVersion: "x" });
const t1 = performance.now();
buildBaseModel(ex, { ...DEFAULT_BUILD, calibrationFolds: 0, train: { ...DEFAULT_BUILD.train, epochs: 10 }, taxonomyVersion: "x" });
const t2 = performance.now();
console.log(`no-train ${(t1 - t0).toFixed(0)} ms, 10 epochs ${(t2 - t1).toFixed(0)} ms`);
}

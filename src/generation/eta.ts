// Estimates how long a model takes to generate, from the recent runs of the same model.
const keep = 20;

export class RunTimes {
  private readonly byModel = new Map<string, number[]>();

  record(modelId: string, runMs: number): void {
    const runs = this.byModel.get(modelId) ?? [];
    runs.push(runMs);
    if (runs.length > keep) runs.shift();
    this.byModel.set(modelId, runs);
  }

  /** The median of recent runs, or undefined before the first one. */
  typical(modelId: string): number | undefined {
    const runs = this.byModel.get(modelId);
    if (!runs?.length) return undefined;
    const sorted = [...runs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
}

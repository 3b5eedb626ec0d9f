import { randomUUID } from "node:crypto";
import { traced } from "@periscope/tracing";
import type { Chain, ChainStatus, ChainStepDefinition, ChainsStore } from "./chains-store.js";
import type { DomainMetrics } from "./domain-metrics.js";
import { notFound } from "./errors.js";
import type { TaskService } from "./task-service.js";
import type { Task } from "./tasks-store.js";

export interface ChainView extends Chain {
  tasks: Task[];
}

export interface ChainServiceOptions {
  store: ChainsStore;
  tasks: TaskService;
  metrics: DomainMetrics;
  now: () => number;
}

/** Chains run their steps in order: each step is a task, created when the one before it completes. */
export function createChainService({ store, tasks, metrics, now }: ChainServiceOptions) {
  function startStep(chain: Chain, step: number): Task {
    const definition = chain.steps[step] as ChainStepDefinition;
    return traced(
      "chain.step",
      (span) => {
        const task = tasks.create({ ...definition, chainId: chain.id, chainStep: step });
        span.setAttributes({ "task.id": task.id, "task.type": task.type });
        return task;
      },
      { attributes: { "chain.id": chain.id, "chain.step": step } },
    );
  }

  function finish(chain: Chain, status: Exclude<ChainStatus, "running">) {
    const at = now();
    if (!store.finish(chain.id, status, at)) return;
    metrics.chains.finished.inc({ status });
    metrics.chains.duration.observe({ status }, (at - chain.createdAt) / 1000);
  }

  tasks.onFinished((task) => {
    if (task.chainId === null || task.chainStep === null) return;
    const chain = store.get(task.chainId);
    if (chain?.status !== "running") return;
    const step = task.chainStep;
    traced(
      "chain.advance",
      (span) => {
        if (task.status !== "completed") {
          metrics.chains.steps.inc({ status: "failed" });
          span.setAttribute("chain.status", "failed");
          finish(chain, "failed");
          return;
        }
        metrics.chains.steps.inc({ status: "completed" });
        const next = step + 1;
        if (next >= chain.steps.length) {
          span.setAttribute("chain.status", "completed");
          finish(chain, "completed");
          return;
        }
        store.advance(chain.id, next);
        startStep(chain, next);
      },
      { attributes: { "chain.id": chain.id, "chain.step": step, "task.id": task.id, "task.type": task.type } },
    );
  });

  function view(chain: Chain): ChainView {
    return { ...chain, tasks: tasks.list({ chainId: chain.id, limit: chain.steps.length }).reverse() };
  }

  return {
    create(name: string | undefined, steps: ChainStepDefinition[]): ChainView {
      return traced("chain.create", (span) => {
        const chain: Chain = {
          id: randomUUID(),
          name: name ?? null,
          status: "running",
          steps,
          currentStep: 0,
          createdAt: now(),
          finishedAt: null,
        };
        span.setAttributes({ "chain.id": chain.id, "chain.steps": steps.length });
        store.insert(chain);
        startStep(chain, 0);
        return view(store.get(chain.id) as Chain);
      });
    },
    get(id: string): ChainView {
      const chain = store.get(id);
      if (!chain) throw notFound("chain", id);
      return view(chain);
    },
    list(status: ChainStatus | undefined, limit: number): Chain[] {
      return store.list(status, limit);
    },
    running(): number {
      return store.running();
    },
  };
}

export type ChainService = ReturnType<typeof createChainService>;

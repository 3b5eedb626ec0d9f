// express-prom-bundle, the middleware users pick for Express metrics, on a registry of its own.
import promBundle from "express-prom-bundle";
import { Registry } from "prom-client";

export async function install(app) {
  app.use(promBundle({ includeMethod: true, includePath: true, promRegistry: new Registry() }));
}

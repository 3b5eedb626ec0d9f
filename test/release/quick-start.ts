import { isBuiltin } from "node:module";

const marker = "<!-- quick-start -->";

/** The first ```js block after `<!-- quick-start -->` in a README. */
export function extractQuickStart(readme: string, name: string): string {
  const start = readme.indexOf(marker);
  if (start === -1) throw new Error(`the README of ${name} has no ${marker} line before its quick start`);
  const block = readme.slice(start + marker.length).match(/^```js[^\S\r\n]*\r?\n([\s\S]*?)^```/m);
  if (!block?.[1]) throw new Error(`the README of ${name} has no \`\`\`js block after ${marker}`);
  return block[1];
}

/** The package a bare import specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The packages a program imports (static, dynamic and re-exports), without builtins and relative paths. */
export function importedPackages(code: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
  const packages = new Set<string>();
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith(".") || specifier.startsWith("/") || isBuiltin(specifier)) continue;
    packages.add(packageOf(specifier));
  }
  return [...packages].sort();
}

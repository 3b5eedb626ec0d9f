// node-gyp builds native dependencies (better-sqlite3) against this Node's own headers, which live under its
// install prefix, instead of downloading them (pnpm passes only some environment variables to build scripts).
const { dirname } = require("node:path");

module.exports = {
  hooks: {
    updateConfig(config) {
      return { ...config, extraEnv: { ...config.extraEnv, npm_config_nodedir: dirname(dirname(process.execPath)) } };
    },
  },
};

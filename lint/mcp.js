#!/usr/bin/env node
// The field guide's MCP server (stdio). Plain JavaScript so Node's compile cache is on before TypeScript loads.
import module from 'node:module';

module.enableCompileCache?.();
await import('./src/mcp/main.ts');

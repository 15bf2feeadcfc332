/**
 * The layers of src/ point one way (docs/architecture.md): transport on top, capabilities below it,
 * the foundation at the bottom; capability folders form no circle; routes and resolvers reach data
 * only through services. Each rule is shown failing on a small fixture first.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerViolations } from './layers.ts';

function trackedSources(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'src'], { encoding: 'utf8' }).split('\n').filter((f) => /\.tsx?$/.test(f));
  const map = new Map<string, string>();
  for (const f of files) {
    try {
      map.set(f, readFileSync(f, 'utf8'));
    } catch {
      // deleted in the working tree
    }
  }
  return map;
}

describe('layers', () => {
  it('catches an upward import (a capability importing a route, the foundation importing a capability)', () => {
    const v = layerViolations(
      new Map([
        ['src/integrations/connect.ts', "import { integrationsRoutes } from '../http/routes/integrations.ts';"],
        ['src/store/schema.ts', "import type { AccountsTables } from '../accounts/tables.ts';"],
        ['src/tools/probe.ts', "import type { Runtime } from '../runtime.ts';"],
      ]),
    );
    expect(v.map((x) => [x.file, x.rule])).toEqual([
      ['src/integrations/connect.ts', 'upward'],
      ['src/store/schema.ts', 'upward'],
      ['src/tools/probe.ts', 'upward'],
    ]);
  });

  it('catches a circle between capability folders', () => {
    const v = layerViolations(
      new Map([
        ['src/integrations/a.ts', "import { x } from '../refresh/b.ts';"],
        ['src/refresh/b.ts', "import { y } from '../health/c.ts';"],
        ['src/health/c.ts', "import { z } from '../integrations/a.ts';"],
      ]),
    );
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: 'circle' });
    expect(v[0]!.detail).toMatch(/integrations → refresh → health → integrations|refresh → health → integrations → refresh|health → integrations → refresh → health/);
  });

  it('catches a route or resolver reaching the data layer', () => {
    const v = layerViolations(
      new Map([
        ['src/http/routes/integrations.ts', "import { findIntegration } from '../../integrations/repository.ts';"],
        ['src/graphql/tools.ts', "import { sql } from 'kysely';"],
        ['src/graphql/audit.ts', "import type { Store } from '../store/db.ts';"],
      ]),
    );
    expect(v.map((x) => x.rule)).toEqual(['data-in-adapter', 'data-in-adapter', 'data-in-adapter']);
  });

  it('lets a capability use the foundation and a lower capability, and transport use anything', () => {
    const v = layerViolations(
      new Map([
        ['src/refresh/refresh.ts', "import { findIntegrationById } from '../integrations/repository.ts';\nimport type { Deps } from '../deps.ts';"],
        ['src/http/routes/tools.ts', "import type { Runtime } from '../../runtime.ts';\nimport { listTools } from '../../tools/tools-service.ts';"],
        ['src/refresh/refresh.test.ts', "import { testRuntime } from '../../test/support/runtime.ts';\nimport type { Runtime } from '../runtime.ts';"],
      ]),
    );
    expect(v).toEqual([]);
  });

  it('holds for src/', () => {
    expect(layerViolations(trackedSources()).map((v) => `${v.file}: ${v.rule}: ${v.detail}`)).toEqual([]);
  });
});

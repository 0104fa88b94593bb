import { parseCapAlert } from '../../domain/events/cap-import.js';
import { parseGeoJsonEvents } from '../../domain/events/geojson-import.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { importedExternalIds } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import type { EventRecord } from './event-view.js';
import { insertEvents } from './record-event.js';

/**
 * Imports events from a CAP 1.2 alert or a GeoJSON FeatureCollection (issue #15), all or
 * nothing: a failing field is named (alert/info/0/area/1/polygon/0, features/3/properties/startedAt)
 * and nothing is recorded; an alert or feature already imported (same publisher identifier) is 409.
 */
export async function importEvents(ctx: AppContext, { actor, format, content }: { actor: Actor; format: 'cap' | 'geojson'; content: string }): Promise<EventRecord[]> {
  const parsed = format === 'cap' ? parseCapAlert(content) : parseGeoJsonEvents(content);
  const ids = parsed.map((p) => p.externalId).filter((id): id is string => id !== null);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new AppError('VALIDATION_FAILED', { detail: 'The file has two events with one identifier.', errors: [...new Set(twice)].map((id) => ({ field: format === 'cap' ? 'alert/identifier' : `features/${parsed.findIndex((p, i) => p.externalId === id && i !== parsed.findIndex((q) => q.externalId === id))}/id`, message: `identifier "${id}" appears twice` })) });
  const duplicate = (id: string) =>
    new AppError('DUPLICATE', {
      detail: `Already imported: ${format === 'cap' ? 'CAP alert' : 'GeoJSON feature'} "${id}".`,
      errors: [{ field: format === 'cap' ? 'alert/identifier' : `features/${parsed.findIndex((p) => p.externalId === id)}/id`, message: `"${id}" was imported before` }],
    });
  return ctx.store.db
    .transaction()
    .execute(async (trx) => {
      const known = await importedExternalIds(trx, actor.nation, format, ids);
      if (known.length > 0) throw duplicate(known[0]!);
      return insertEvents(
        trx,
        ctx,
        actor,
        parsed.map((p) => ({ event: p.event, origin: format, externalId: p.externalId })),
      );
    })
    .catch((error: unknown) => {
      // Two imports of one alert at once: the unique index settles it.
      if ((error as { code?: string }).code === '23505') throw duplicate(ids[0] ?? '');
      throw error;
    });
}

import { normaliseSettings, type ArgusSettings } from '../../../protocol/settings';

/**
 * Per-resource settings, fetched once per URI through `workspace/configuration`
 * and cached as promises so concurrent requests share one round trip.
 * Cleared on every configuration or workspace-folder change.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ArgusSettings>>();

  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<ArgusSettings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.fetch ? this.fetch(uri).then(normaliseSettings, () => normaliseSettings(undefined)) : Promise.resolve(normaliseSettings(undefined));
      this.cache.set(uri, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }
}

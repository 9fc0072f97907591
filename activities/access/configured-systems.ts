import type { Config } from '../../platform/config';
import { ConfigError } from '../../platform/config';
import type { AccessSystem } from './access-system';
import { athemeSystem } from './atheme';
import { mailmanSystem } from './mailman';
import { mediawikiSystem } from './mediawiki';
import { moinSystem } from './moinmoin';
import { znunySystem } from './znuny';

/**
 * The adapters the configuration asks for, under the system names ladder
 * files use: `mailman`, `wiki` (MediaWiki), `otrs` (Znuny), `irc` (Atheme)
 * and `moin` (MoinMoin group pages). Any system
 * left out here, or named otherwise in a ladder, lives in the built-in
 * directory.
 */
export function configuredSystems(config: Config): Record<string, AccessSystem> {
  const systems: Record<string, AccessSystem> = {};
  if (config.MAILMAN_URL)
    systems.mailman = mailmanSystem({ url: config.MAILMAN_URL, listDomain: config.MAILMAN_LIST_DOMAIN });
  if (config.MEDIAWIKI_API_URL) {
    if (!config.MEDIAWIKI_BOT_USER || !config.MEDIAWIKI_BOT_PASSWORD)
      throw new ConfigError('MEDIAWIKI_API_URL needs MEDIAWIKI_BOT_USER and MEDIAWIKI_BOT_PASSWORD');
    systems.wiki = mediawikiSystem({
      apiUrl: config.MEDIAWIKI_API_URL,
      user: config.MEDIAWIKI_BOT_USER,
      password: config.MEDIAWIKI_BOT_PASSWORD,
    });
  }
  if (config.ZNUNY_URL) systems.otrs = znunySystem({ url: config.ZNUNY_URL });
  if (config.ATHEME_URL) {
    if (!config.ATHEME_ACCOUNT || !config.ATHEME_PASSWORD)
      throw new ConfigError('ATHEME_URL needs ATHEME_ACCOUNT and ATHEME_PASSWORD');
    systems.irc = athemeSystem({
      url: config.ATHEME_URL,
      account: config.ATHEME_ACCOUNT,
      password: config.ATHEME_PASSWORD,
      defaultFlags: config.ATHEME_CHANNEL_FLAGS,
    });
  }
  if (config.MOIN_URL) {
    if (!config.MOIN_USER || !config.MOIN_PASSWORD) throw new ConfigError('MOIN_URL needs MOIN_USER and MOIN_PASSWORD');
    systems.moin = moinSystem({ url: config.MOIN_URL, user: config.MOIN_USER, password: config.MOIN_PASSWORD });
  }
  return systems;
}

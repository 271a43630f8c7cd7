import { readCidr } from '../input/addressFields';
import { perItem } from './draft';

export const prefixListsExport = perItem(
  'PrefixLists',
  'describe-managed-prefix-lists',
  (prefixList, into) => {
    into.prefixLists.push({
      id: prefixList.str('PrefixListId'),
      name: prefixList.str('PrefixListName'),
      addressFamily: prefixList.optStr('AddressFamily'),
      // describe-managed-prefix-lists prints no entries (they take get-managed-prefix-list-entries per
      // list), so they are unknown; the older describe-prefix-lists, same top-level key, prints Cidrs.
      entries: prefixList.at('Cidrs').optional((cidrs) => cidrs.items().map((cidr) => readCidr(cidr))),
      source: prefixList.source,
    });
  },
);

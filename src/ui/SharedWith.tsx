/**
 * Says that this view's connection is shared with other tabs and widgets of this browser (one client at
 * the broker for all of them). Kept to this one component so the app and the widget say it alike.
 */
export function SharedWith({ others }: { others: number }) {
  return (
    <span className="conn-shared" title="One connection to the broker for all of them (Share connection)">
      shared with {others} other {others === 1 ? 'view' : 'views'}
    </span>
  );
}

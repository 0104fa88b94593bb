// The network drawing of NetworkDetailPage on the event page (issue #15), the struck nodes marked
// as the drawing marks critical ones.
import { networksApi } from '../../api/networks.js';
import { NetworkGraph } from '../network/NetworkGraph.js';
import { Spinner } from '../Spinner.js';
import { useLoad } from '../../use-load.js';

export function EventNetworkDrawing({ networkId, struckIds }: { networkId: string; struckIds: readonly string[] }) {
  const load = useLoad(() => networksApi.get(networkId), [networkId]);
  if (load.error) return <p className="muted small">The drawing could not be loaded.</p>;
  if (!load.data) return <Spinner label="Drawing the network…" />;
  return (
    <div data-testid="event-network-drawing">
      <p className="muted small">Marked: the nodes the event strikes.</p>
      <NetworkGraph network={load.data.model} countriesOfConcern={load.data.countriesOfConcern} criticalIds={new Set(struckIds)} />
    </div>
  );
}

// The network drawn with cytoscape, laid out tier by tier by dagre (inputs on the left, end items
// on the right), zoom and pan, a search box that centres a node, nodes coloured by country,
// critical nodes (single points of failure) outlined, and a click on a node for its details.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { NetworkNode, SupplyNetwork } from '../../api/networks.js';

cytoscape.use(dagre);

// Cytoscape adds a <style> element for its container class unless an element with this id
// exists; the CSP forbids inline styles, so a placeholder stands in and styles.css has the rule.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  placeholder.name = 'cytoscape-styles-in-styles-css';
  document.head.appendChild(placeholder);
}

const PALETTE = ['#2f6db5', '#e07b39', '#3a9a5b', '#8e5bb5', '#c9a227', '#2a9d9f', '#b5475d', '#6b7a8f', '#7aa33a', '#d26fa8'];
const CONCERN = '#c62828';
const UNKNOWN = '#9aa3ae';
/** Above this many nodes the drawing is skipped (dagre and the canvas get slow); the tables still work. */
export const MAX_DRAWN_NODES = 2500;

export function countryColours(network: SupplyNetwork, countriesOfConcern: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const n of network.nodes) if (n.country) counts.set(n.country, (counts.get(n.country) ?? 0) + 1);
  const colours = new Map<string, string>();
  let i = 0;
  for (const [country] of [...counts].sort((a, b) => b[1] - a[1])) {
    colours.set(country, countriesOfConcern.includes(country) ? CONCERN : PALETTE[i++ % PALETTE.length]!);
  }
  return colours;
}

interface Props {
  network: SupplyNetwork;
  countriesOfConcern: readonly string[];
  criticalIds: ReadonlySet<string>;
  /** For the details panel: end items each node is critical for. */
  criticalFor?: ReadonlyMap<string, string[]>;
  /** A node to centre and select (e.g. clicked in the table of single points of failure). */
  focus?: { id: string; seq: number } | null;
}

export function NetworkGraph({ network, countriesOfConcern, criticalIds, criticalFor, focus }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [selected, setSelected] = useState<NetworkNode | null>(null);
  const [search, setSearch] = useState('');
  const [searchMessage, setSearchMessage] = useState('');
  const [ready, setReady] = useState(false);
  const colours = useMemo(() => countryColours(network, countriesOfConcern), [network, countriesOfConcern]);
  const byId = useMemo(() => new Map(network.nodes.map((n) => [n.id, n])), [network]);
  const tooLarge = network.nodes.length > MAX_DRAWN_NODES;

  useEffect(() => {
    if (!container.current || tooLarge) return;
    claimCytoscapeStylesheet();
    const elements: ElementDefinition[] = [
      ...network.nodes.map((n) => ({
        data: { id: n.id, label: n.id, colour: n.country ? colours.get(n.country)! : UNKNOWN },
        classes: [n.kind, criticalIds.has(n.id) ? 'critical' : ''].filter(Boolean).join(' '),
      })),
      ...network.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to } })),
    ];
    const cy = cytoscape({
      container: container.current,
      elements,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 9, color: '#1d2733', 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'text-max-width': '110px', 'text-wrap': 'ellipsis' } },
        { selector: 'node.part', style: { shape: 'round-rectangle' } },
        { selector: 'node.endItem', style: { shape: 'star', width: 28, height: 28, 'font-weight': 'bold' } },
        { selector: 'node.critical', style: { 'border-width': 3, 'border-color': '#b00020' } },
        { selector: 'node:selected', style: { 'overlay-color': '#f5b400', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
        { selector: 'edge', style: { width: 1, 'line-color': '#b4bcc6', 'target-arrow-color': '#b4bcc6', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, 'curve-style': 'bezier' } },
      ],
      layout: { name: 'dagre', rankDir: 'LR', nodeSep: 14, rankSep: 90, animate: false } as cytoscape.LayoutOptions,
    });
    cy.on('tap', 'node', (evt) => setSelected(byId.get(evt.target.id()) ?? null));
    cy.on('tap', (evt) => {
      if (evt.target === cy) setSelected(null);
    });
    cyRef.current = cy;
    setReady(true);
    return () => {
      cy.destroy();
      cyRef.current = null;
      setReady(false);
    };
  }, [network, colours, criticalIds, byId, tooLarge]);

  const show = (match: NetworkNode) => {
    const cy = cyRef.current;
    setSelected(match);
    if (cy) {
      const node = cy.getElementById(match.id);
      cy.elements().unselect();
      node.select();
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.4) }, { duration: 300 });
    }
  };
  const find = (e: FormEvent) => {
    e.preventDefault();
    const term = search.trim().toLowerCase();
    if (!term) return;
    const match = network.nodes.find((n) => n.id.toLowerCase() === term) ?? network.nodes.find((n) => n.id.toLowerCase().includes(term) || (n.part ?? '').toLowerCase().includes(term));
    if (!match) {
      setSearchMessage(`No node matches “${search.trim()}”.`);
      return;
    }
    setSearchMessage('');
    show(match);
  };
  useEffect(() => {
    const match = focus ? byId.get(focus.id) : undefined;
    if (match && ready) {
      show(match);
      container.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }, [focus, ready]);

  const legend = [...colours].slice(0, 12);
  return (
    <div className="net-graph-wrap">
      <div className="net-graph-toolbar">
        <form role="search" aria-label="Find a node" onSubmit={find} className="net-search">
          <input type="search" aria-label="Find a node by id or part" placeholder="Find a node (id or part)" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="node-search" />
          <button type="submit" className="btn btn-small">Find</button>
          {searchMessage ? <span className="small late-text" role="status">{searchMessage}</span> : null}
        </form>
        <span className="small muted" data-testid="graph-count">
          {network.nodes.length.toLocaleString('en-US')} nodes · {network.edges.length.toLocaleString('en-US')} edges · {criticalIds.size} critical
        </span>
        {!tooLarge ? (
          <span className="net-zoom">
            <button type="button" className="btn btn-small btn-ghost" aria-label="Zoom in" onClick={() => cyRef.current?.zoom({ level: cyRef.current.zoom() * 1.3, renderedPosition: { x: (container.current?.clientWidth ?? 0) / 2, y: (container.current?.clientHeight ?? 0) / 2 } })}>+</button>
            <button type="button" className="btn btn-small btn-ghost" aria-label="Zoom out" onClick={() => cyRef.current?.zoom({ level: cyRef.current.zoom() / 1.3, renderedPosition: { x: (container.current?.clientWidth ?? 0) / 2, y: (container.current?.clientHeight ?? 0) / 2 } })}>−</button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => cyRef.current?.fit(undefined, 20)}>Fit</button>
          </span>
        ) : null}
      </div>
      <div className="net-graph-body">
        {tooLarge ? (
          <div className="net-graph net-graph-skipped" role="note">The network has more than {MAX_DRAWN_NODES.toLocaleString('en-US')} nodes: it is not drawn. Use the search box and the tables below.</div>
        ) : (
          <div ref={container} className="net-graph" data-testid="network-graph" data-ready={ready ? 'true' : 'false'} aria-label={`Drawing of the network: ${network.nodes.length} nodes`} role="img" />
        )}
        <aside className="net-node-details" aria-live="polite" data-testid="node-details">
          {selected ? (
            <>
              <h3 className="node-title">{selected.id}</h3>
              <dl className="kv">
                <dt>Kind</dt>
                <dd>{selected.kind === 'endItem' ? 'End item' : selected.kind === 'part' ? 'Part' : 'Site'}</dd>
                {selected.part && selected.part !== selected.id ? (<><dt>Makes</dt><dd>{selected.part}</dd></>) : null}
                <dt>Country</dt>
                <dd>{selected.country ?? '—'}{selected.country && countriesOfConcern.includes(selected.country) ? <span className="chip chip-warn">of concern</span> : null}</dd>
                {selected.owner ? (<><dt>Owner</dt><dd>{selected.owner}</dd></>) : null}
                {selected.capacityPerDay !== undefined ? (<><dt>Capacity</dt><dd>{selected.capacityPerDay} / day</dd></>) : null}
                {selected.inventory ? (<><dt>Inventory</dt><dd>{selected.inventory.amount} {selected.inventory.unit}</dd></>) : null}
                {selected.ttrDays !== undefined ? (<><dt>Time to recover</dt><dd>{selected.ttrDays} days</dd></>) : null}
                {selected.leadTimeDays !== undefined ? (<><dt>Lead time</dt><dd>{selected.leadTimeDays} days</dd></>) : null}
                {selected.demandPerDay !== undefined ? (<><dt>Demand</dt><dd>{selected.demandPerDay} / day</dd></>) : null}
                {selected.programs?.length ? (<><dt>Programs</dt><dd>{selected.programs.join(', ')}</dd></>) : null}
                <dt>Inputs</dt>
                <dd>{network.edges.filter((e) => e.to === selected.id).map((e) => e.from).join(', ') || '—'}</dd>
              </dl>
              {criticalIds.has(selected.id) ? (
                <p className="critical-note" data-testid="critical-note">
                  Single point of failure for {(criticalFor?.get(selected.id) ?? []).join(', ') || 'an end item'}.
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted small">Click a node, or find one, to see its details.</p>
          )}
        </aside>
      </div>
      {legend.length ? (
        <ul className="net-legend" aria-label="Colours by country">
          {legend.map(([country, colour]) => (
            <li key={country}>
              <span className="net-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
              {country}
              {countriesOfConcern.includes(country) ? ' (of concern)' : ''}
            </li>
          ))}
          <li><span className="net-swatch net-swatch-critical" aria-hidden="true" /> critical (single point of failure)</li>
        </ul>
      ) : (
        <p className="small muted">No countries in this network. <span className="net-swatch net-swatch-critical" aria-hidden="true" /> outline: critical (single point of failure).</p>
      )}
    </div>
  );
}

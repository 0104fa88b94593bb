// Open balances between the nations, net and gross, with a chart per currency (recharts).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Balances } from '../../api/partnership.js';
import { money } from './money.js';

export function BalancesPanel({ balances }: { balances: Balances }) {
  const currencies = [...new Set(balances.gross.map((g) => g.currency))].sort();
  return (
    <section className="panel" aria-labelledby="bal-h" data-testid="balances-panel">
      <div className="panel-head"><h2 id="bal-h" className="panel-title">Open balances</h2><span className="small muted">Settle within {balances.settlementMonths} months of delivery (10 USC 2345; a setting)</span></div>
      {balances.net.length === 0 ? <p className="pad muted">Nothing is owed either way.</p> : (
        <ul className="ledger-net">
          {balances.net.map((n) => (
            <li key={`${n.owedBy}${n.owedTo}${n.currency}`} data-testid="net-balance"><span className="strong">{n.owedBy}</span> owes <span className="strong">{n.owedTo}</span> <span className="mono">{money(n.amount, n.currency)}</span> <span className="small muted">net, on confirmed settlements</span></li>
          ))}
        </ul>
      )}
      {balances.gross.some((g) => g.claimedMinor > 0) ? (
        <ul className="ledger-net" data-testid="claimed-balances">
          {balances.gross.filter((g) => g.claimedMinor > 0).map((g) => (
            <li key={`${g.owedBy}${g.owedTo}${g.currency}`}>
              Of the <span className="mono">{money(g.amount, g.currency)}</span> {g.owedBy} owes {g.owedTo}, <span className="mono strong">{money(g.claimed, g.currency)}</span> is claimed as paid and awaits {g.owedTo}’s confirmation
            </li>
          ))}
        </ul>
      ) : null}
      <div className="ledger-charts">
        {currencies.map((c) => {
          // Decimal strings to numbers for drawing only; every figure shown in text stays exact.
          const data = balances.gross.filter((g) => g.currency === c).map((g) => ({ name: `${g.owedBy} owes ${g.owedTo}`, open: Number(g.amount) - Number(g.claimed), claimed: Number(g.claimed) }));
          return (
            <figure key={c} className="ledger-chart" data-testid="balance-chart">
              <figcaption className="small strong">Open in {c}</figcaption>
              <ResponsiveContainer width="100%" height={170}>
                <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                  <YAxis tick={{ fontSize: 11 }} width={70} tickFormatter={(v: number) => new Intl.NumberFormat('en', { notation: 'compact' }).format(v)} />
                  <Tooltip formatter={(v, name) => [money(Number(v).toFixed(2), c), name]} itemStyle={{ color: '#1c2430' }} />
                  <Legend />
                  <Bar dataKey="open" stackId="owed" name={`Open, not claimed (${c})`} fill="#2f6f9f" maxBarSize={90} isAnimationActive={false} />
                  <Bar dataKey="claimed" stackId="owed" name={`Claimed, awaiting confirmation (${c})`} fill="#c9a227" maxBarSize={90} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          );
        })}
      </div>
    </section>
  );
}

import { dateStory, type DateStoryInput } from '../date-story.js';
import { formatDate } from '../format.js';

/** The request's delivery dates, named the same way on every page, with what sets them apart. */
export function DatesPanel(input: DateStoryInput) {
  const story = dateStory(input);
  return (
    <section className="panel" aria-labelledby="dates-h" data-testid="dates-panel">
      <h2 id="dates-h" className="panel-title">Dates</h2>
      <ul className="date-story">
        {story.entries.map((e) => (
          <li key={e.key} data-testid={`date-${e.key}`}>
            <span className="date-label">{e.label}:</span> <time dateTime={e.date}>{formatDate(e.date)}</time>
          </li>
        ))}
      </ul>
      {story.explanations.length ? (
        <div className="date-explanation small" data-testid="dates-explanation">
          {story.explanations.map((x) => (
            <p key={x}>{x}</p>
          ))}
        </div>
      ) : null}
    </section>
  );
}

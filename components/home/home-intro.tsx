import { textLinkClass } from "../ui/text-link";

/** Where the essay behind the default grid was published; a search, so the link survives the site moving the post. */
const ESSAY_URL = "https://www.alignmentforum.org/search?query=%22Defining%20alignment%20research%22%20Ngo";

const STEPS = [
  {
    title: "Everyone places their own copy",
    body: "Each participant puts every item where they think it belongs on a shared grid — no need to agree first.",
  },
  {
    title: "The board shows where you stand",
    body: "For each item you see every placement, the group's centre and how widely the placements spread.",
  },
  {
    title: "Talk about the cruxes",
    body: "The most contested items rise to the top, so the discussion goes where the group actually disagrees.",
  },
];

/** A decorative map: one item's placements scattered around their centre. */
function SpreadIllustration() {
  const dots = [
    { x: 58, y: 44, c: "fill-sky-500" },
    { x: 82, y: 70, c: "fill-rose-500" },
    { x: 130, y: 52, c: "fill-amber-500" },
    { x: 104, y: 110, c: "fill-emerald-500" },
    { x: 150, y: 96, c: "fill-violet-500" },
    { x: 70, y: 128, c: "fill-indigo-500" },
  ];
  return (
    <svg aria-hidden="true" viewBox="0 0 180 180" className="h-auto w-36 shrink-0 sm:w-44">
      <rect x="1" y="1" width="178" height="178" rx="14" className="fill-white stroke-slate-300" strokeWidth="1.5" />
      <path d="M60 1v178M120 1v178M1 60h178M1 120h178" className="stroke-slate-200" strokeWidth="1.5" />
      <circle cx="99" cy="83" r="44" className="fill-indigo-500/10 stroke-indigo-400" strokeDasharray="4 4" strokeWidth="1.5" />
      {dots.map((d) => (
        <circle key={`${d.x}-${d.y}`} cx={d.x} cy={d.y} r="7" className={`${d.c} stroke-white`} strokeWidth="2" />
      ))}
      <path d="M93 83h12M99 77v12" className="stroke-slate-900" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

export function HomeHero() {
  return (
    <div className="space-y-5">
      <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">A live board for reading groups and workshops</p>
      <h1 className="text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl">
        Find out where your group disagrees. Then talk about that.
      </h1>
      <p className="max-w-2xl text-lg leading-relaxed text-pretty text-slate-700">
        Cruxboard is a shared grid that everyone fills in at once, from a laptop or a phone. Instead of one group answer,
        it shows how far the answers are apart, so the time you have goes to the questions that divide you: the cruxes.
      </p>
    </div>
  );
}

export function HomeDetails() {
  return (
    <div className="space-y-10">
      <ol className="grid gap-4 sm:grid-cols-3">
        {STEPS.map((step, i) => (
          <li key={step.title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <span
              aria-hidden="true"
              className="mb-3 inline-flex size-7 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-800"
            >
              {i + 1}
            </span>
            <h2 className="font-semibold text-slate-900">{step.title}</h2>
            <p className="mt-1 text-sm leading-relaxed text-slate-600">{step.body}</p>
          </li>
        ))}
      </ol>

      <section aria-labelledby="default-grid-heading" className="flex flex-col gap-6 rounded-2xl bg-slate-100 p-6 sm:flex-row sm:items-center">
        <SpreadIllustration />
        <div className="space-y-3">
          <h2 id="default-grid-heading" className="font-semibold text-slate-900">
            The default grid
          </h2>
          <p className="text-sm leading-relaxed text-slate-700">
            It is the research map from Richard Ngo’s essay{" "}
            <a
              href={ESSAY_URL}
              rel="noreferrer"
              className={textLinkClass()}
            >
              <cite>Defining alignment research</cite>
            </a>
            . Rows say how a
            piece of work proceeds — engineering, behaviorist science or cognitivist science. Columns say which cases it
            is built for — the average case, pessimistic cases or the worst case. Work towards the top-left corner is
            closer to capabilities research, towards the bottom-right to alignment research.
          </p>
          <p className="text-sm leading-relaxed text-slate-700">
            Running a prioritization workshop instead? Start from impact × effort, urgent × important, a risk matrix or value × confidence — each with its goal corner, so the board ranks what to do first — or from your own rows and columns.
          </p>
        </div>
      </section>
    </div>
  );
}

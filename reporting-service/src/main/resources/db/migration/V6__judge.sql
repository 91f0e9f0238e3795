-- LLM judgements (JudgeCompleted on eval.judgements): one row per item, keyed by its item id. A judgement is its own
-- row rather than columns of item_result because it may arrive before the item's score: a row in item_result would
-- count towards the run's completion, and columns written before the score would be overwritten by it. Either order
-- keeps both; reports join the two by item id. score is null when the judge gave none (unscored_reason says why).
create table item_judgement (
    item_id         varchar(500) primary key,
    run_id          varchar(64) not null,
    model           varchar(200),
    judge_model     varchar(200) not null,
    rubric_id       varchar(40),
    rubric_version  integer not null,
    score           integer check (score between 1 and 5),
    rationale       text,
    unscored_reason text,
    input_tokens    integer not null,
    output_tokens   integer not null,
    cost_usd        double precision not null,
    attempts        integer not null,
    judged_at       timestamp with time zone
);
create index item_judgement_run on item_judgement (run_id);

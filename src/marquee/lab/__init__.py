"""marquee's laboratory: training the scoring model and measuring it, outside the runtime.

``marquee train`` (:mod:`marquee.lab.train`, with the encoder's fine-tuning in
:mod:`marquee.lab.finetune`) rebuilds the committed artifact from the labelled corpora
(:mod:`marquee.lab.corpora`); ``marquee eval`` (:mod:`marquee.lab.evaluate`, tables in
:mod:`marquee.lab.eval_tables`) measures it on the frozen test split beside the VADER and
TextBlob baselines (:mod:`marquee.lab.baselines`), and the consensus sentence against
Rotten Tomatoes' own (:mod:`marquee.lab.consensus_eval`, the films' credits from RT's
catalogues in :mod:`marquee.lab.consensus_catalogue`). Reading, scoring, storing and reporting
never import this package: a user who only runs the engine never pays for it.
"""

/// Topics, judgments and TREC runs, with trec_eval-exact metrics.
public enum QuarryEval {}

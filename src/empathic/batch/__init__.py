"""Batch QA: read helpdesk exports, score whole conversations on any engine, store and report.

- :mod:`empathic.batch.readers`: JSONL, CSV, Zendesk, Intercom and generic conversation files;
- :func:`empathic.batch.work.score_batch`: the engine-neutral unit of work;
- :mod:`empathic.batch.engines`: in-process, local process pool, Dask;
- :func:`empathic.batch.runner.run_scoring`: a resumable run into a :class:`empathic.store.ResultStore`;
- :mod:`empathic.batch.report`: the self-contained HTML report and table exports.
"""

from empathic.batch.work import score_batch

__all__ = ["score_batch"]

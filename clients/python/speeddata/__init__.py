"""Python client of the SpeedData service: pivot exports, export jobs and sentiment scoring.

Standard library only; numpy, h5py, pandas, tqdm and websockets are used when installed.

>>> from speeddata import PivotClient
>>> client = PivotClient("http://localhost:8000")
>>> df = client.export_dataframe({"start": "2025-01-23T14:00:00Z", "duration": "PT1H"}, ["ch1"])
"""
__version__ = "0.1.0"

from .errors import (  # noqa: E402  (the version must exist before transport imports it)
    BadRequest, ClientError, Conflict, ConnectionFailed, Forbidden, Gone, IntegrityError, JobCancelled,
    JobError, JobExpired, JobFailed, JobWaitTimeout, MissingDependency, NotFound, PayloadTooLarge,
    RangeNotSatisfiable, RateLimited, RequestTimeout, ServerError, ServiceUnavailable, SpeedDataError,
    TooManyRequests, Unauthorized,
)
from .auth import ApiKey  # noqa: E402
from .pivot import ExportResult, PivotClient  # noqa: E402
from .retry import RetryPolicy  # noqa: E402
from .score import ScoreClient  # noqa: E402

__all__ = [
    "PivotClient", "ScoreClient", "ExportResult", "RetryPolicy", "ApiKey",
    "SpeedDataError", "ClientError", "ServerError", "BadRequest", "Unauthorized", "Forbidden", "NotFound",
    "RequestTimeout", "Conflict", "Gone", "PayloadTooLarge", "RangeNotSatisfiable", "RateLimited",
    "TooManyRequests", "ServiceUnavailable", "JobError", "JobFailed", "JobCancelled", "JobExpired", "JobWaitTimeout",
    "ConnectionFailed", "IntegrityError", "MissingDependency",
]

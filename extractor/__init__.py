"""extractor: Chinese policy notices and research reports -> evidence-linked JSON."""

from extractor.core import __version__, extract
from extractor.errors import ExtractorError
from extractor.models import ExtractionResult

__all__ = ["ExtractionResult", "ExtractorError", "__version__", "extract"]

"""Cross-document questions: targets, agencies (with their roles) and minerals across
all stored results, and the documents naming one agency or mineral. Sync endpoints
(FastAPI runs them in its thread pool); the database comes in through `Depends`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import repo
from api.deps import DbDep
from api.params import READ_ERRORS, Limit, Name, Offset, Role, SafeStr, opt
from api.schemas import (
    AgencyDocument,
    AgencyDocumentList,
    AgencyList,
    AgencyRole,
    AgencySummary,
    DocumentOut,
    MineralDocument,
    MineralDocumentList,
    MineralList,
    MineralMention,
    MineralSummary,
    TargetList,
    TargetOut,
)

router = APIRouter()


@router.get("/v1/targets", response_model=TargetList, responses=READ_ERRORS,
            summary="Targets across documents", tags=["queries"])
def list_targets(
    db: DbDep,
    mineral: Annotated[SafeStr | None, opt("Mineral the target is about, e.g. 再生铝.")] = None,
    metric: Annotated[SafeStr | None, opt("Substring of the metric.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    agency: Annotated[SafeStr | None, opt("An agency of the document (any role).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    rows, total = repo.list_targets(db, mineral=mineral, metric=metric, year=year,
                                    agency=agency, limit=limit, offset=offset)
    return TargetList(total=total, limit=limit, offset=offset,
                      items=[TargetOut.of(t, title) for t, title in rows])


@router.get("/v1/agencies", response_model=AgencyList, responses=READ_ERRORS,
            summary="Agencies named by documents, with document counts per role",
            tags=["queries"])
def list_agencies(
    db: DbDep,
    role: Role | None = None,
    q: Annotated[SafeStr | None, opt("Substring of the name.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    items, total = repo.list_agencies(db, role=role, q=q, limit=limit, offset=offset)
    return AgencyList(total=total, limit=limit, offset=offset,
                      items=[AgencySummary(**i) for i in items])


@router.get("/v1/agencies/{name}/documents", response_model=AgencyDocumentList,
            responses=READ_ERRORS,
            summary="Documents naming an agency; role=lead: what it leads",
            tags=["queries"])
def agency_documents(
    db: DbDep,
    name: Name,
    role: Annotated[Role | None, Query(description="issuer, lead (responsibilities), "
                                                   "participant or shared")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    docs, mentions, total = repo.agency_documents(db, name, role=role, limit=limit,
                                                  offset=offset)
    return AgencyDocumentList(
        agency=name, total=total, limit=limit, offset=offset,
        items=[AgencyDocument(document=DocumentOut.of(d),
                              roles=[AgencyRole.of(r) for r in mentions.get(d.id, [])])
               for d in docs])


@router.get("/v1/minerals", response_model=MineralList, responses=READ_ERRORS,
            summary="Minerals named by documents", tags=["queries"])
def list_minerals(
    db: DbDep,
    q: Annotated[SafeStr | None, opt("Substring of the canonical name.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    items, total = repo.list_minerals(db, q=q, limit=limit, offset=offset)
    return MineralList(total=total, limit=limit, offset=offset,
                       items=[MineralSummary(**i) for i in items])


@router.get("/v1/minerals/{name}/documents", response_model=MineralDocumentList,
            responses=READ_ERRORS, summary="Documents naming a mineral", tags=["queries"])
def mineral_documents(db: DbDep, name: Name, limit: Limit = 20, offset: Offset = 0):
    docs, per, total = repo.mineral_documents(db, name, limit=limit, offset=offset)
    return MineralDocumentList(
        mineral=name, total=total, limit=limit, offset=offset,
        items=[MineralDocument(document=DocumentOut.of(d),
                               minerals=[MineralMention.of(m) for m in per.get(d.id, [])])
               for d in docs])

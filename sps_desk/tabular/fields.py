"""The fields of each import kind, their French header synonyms, and the column mapping.

A mapping says which column of the file feeds which field. :func:`auto_map` finds it from
the headers (accents, case, spaces and plurals ignored: « Nb d'heures » = « nb d'heure »);
the user then overrides any pair (« Nom de colonne=champ »), or ignores a column
(« Nom de colonne= »).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sps_desk.errors import SpsDeskError
from sps_desk.tabular.cells import normalise


class ImportKind(StrEnum):
    """What a file holds; the value is the CLI's ``--kind``."""

    TIME = "time"
    ACTIONS = "actions"
    YOUNG = "young"
    SUPPORTS = "supports"

    @property
    def label(self) -> str:
        """French name of the kind, as in the window."""
        return {
            "time": "Temps de travail",
            "actions": "Actions collectives",
            "young": "Jeunes",
            "supports": "Accompagnements individuels",
        }[self.value]


@dataclass(frozen=True)
class FieldSpec:
    """One field of an import kind.

    ``key`` is what the user types after « = » in an override; ``label`` is shown in
    the window; ``synonyms`` are headers recognised automatically (any spelling that
    :func:`~sps_desk.tabular.cells.normalise` reduces to the same text).
    """

    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]

    def matches(self, header: str) -> bool:
        """Whether ``header`` names this field."""
        wanted = normalise(header)
        return any(normalise(s) == wanted for s in (self.key, self.label, *self.synonyms))


_STAFF = ("Professionnel", "Professionnels", "Éducateur", "Éducatrice", "Éducateur·rice",
          "Éducateur/trice", "Salarié", "Intervenant", "Nom", "Agent", "Personne")
_HOURS = ("Heures", "Nb d'heures", "Nombre d'heures", "Nb heures", "Durée", "Temps",
          "Durée (h)", "Heures (h)", "Temps (h)")

FIELDS: dict[ImportKind, tuple[FieldSpec, ...]] = {
    ImportKind.TIME: (
        FieldSpec("professionnel", "Professionnel", True, _STAFF),
        FieldSpec("date", "Date", True, ("Jour", "Date de l'activité")),
        FieldSpec("catégorie", "Catégorie", True,
                  ("Activité", "Type d'activité", "Type", "Rubrique", "Catégorie d'heures")),
        FieldSpec("heures", "Heures", True, _HOURS),
    ),
    ImportKind.ACTIONS: (
        FieldSpec("intitulé", "Intitulé", True,
                  ("Titre", "Action", "Nom de l'action", "Libellé", "Intitulé de l'action")),
        FieldSpec("type", "Type", True, ("Type d'action", "Type de l'action")),
        FieldSpec("date", "Date", True, ("Date de la séance", "Séance", "Jour")),
        FieldSpec("heures", "Heures", True, _HOURS),
        FieldSpec("professionnels", "Professionnels", True,
                  (*_STAFF, "Professionnels présents", "Encadrants", "Encadrement")),
        FieldSpec("jeunes", "Jeunes (codes)", False,
                  ("Jeunes", "Codes jeunes", "Codes des jeunes", "Participants (codes)")),
        FieldSpec("filles", "Participantes filles", False,
                  ("Filles", "Participants filles", "Nb filles", "Nombre de filles", "F")),
        FieldSpec("garçons", "Participants garçons", False,
                  ("Garçons", "Nb garçons", "Nombre de garçons", "G", "M")),
        FieldSpec("autres", "Autres participants", False,
                  ("Autres", "Participants autres", "Sexe non précisé",
                   "Participants (sexe non précisé)")),
        FieldSpec("familles", "Familles", False,
                  ("Nb de familles", "Nombre de familles", "Nb familles")),
        FieldSpec("partenaires", "Partenaires", False, ("Partenaire",)),
    ),
    ImportKind.YOUNG: (
        FieldSpec("code", "Code", False, ("Code jeune", "Code du jeune", "Identifiant")),
        FieldSpec("surnom", "Surnom", False, ("Pseudo", "Pseudonyme", "Surnom du jeune")),
        FieldSpec("sexe", "Sexe", False, ("Genre", "F/G", "F/M")),
        FieldSpec("naissance", "Année de naissance", False,
                  ("Naissance", "Né en", "Née en", "Né(e) en", "Année", "Date de naissance")),
    ),
    ImportKind.SUPPORTS: (
        FieldSpec("jeune", "Jeune (code ou surnom)", True,
                  ("Jeune", "Code", "Code jeune", "Code du jeune", "Surnom")),
        FieldSpec("début", "Date de début", True,
                  ("Début", "Date d'entrée", "Entrée", "Date de début d'accompagnement",
                   "Ouverture", "Date d'ouverture")),
        FieldSpec("origine", "Origine", True,
                  ("Origine de la rencontre", "Origine de la relation",
                   "Origine de l'accompagnement")),
        FieldSpec("problématiques", "Problématiques", False,
                  ("Problématique", "Problématiques à l'origine de l'accompagnement",
                   "Problèmes", "Motifs de l'accompagnement")),
        FieldSpec("référent", "Référent", False,
                  ("Référente", "Éducateur référent", "Professionnel référent")),
        FieldSpec("fin", "Date de fin", False,
                  ("Fin", "Date de sortie", "Sortie", "Clôture", "Date de clôture")),
        FieldSpec("motif", "Motif de fin", False,
                  ("Motif de sortie", "Motif de clôture", "Motif", "Raison de fin")),
    ),
}
"""Fields of each kind, in the order of the window's mapping step."""


class MappingError(SpsDeskError):
    """An override names no column or no field (French message)."""


Mapping = dict[str, int]
"""Field key → index of the column that feeds it."""


def auto_map(kind: ImportKind, headers: tuple[str, ...]) -> Mapping:
    """Match headers to fields: each field takes the first header that names it.

    A header feeds at most one field (the first field, in :data:`FIELDS` order, that
    claims it). Fields with no matching header are absent from the result.
    """
    mapping: Mapping = {}
    taken: set[int] = set()
    for spec in FIELDS[kind]:
        for index, header in enumerate(headers):
            if index not in taken and header and spec.matches(header):
                mapping[spec.key] = index
                taken.add(index)
                break
    return mapping


def field_by_key(kind: ImportKind, text: str) -> FieldSpec:
    """The field of ``kind`` named by ``text`` (key, label or synonym; accents, case ignored).

    Raises:
        MappingError: no such field (the message lists the fields).
    """
    for spec in FIELDS[kind]:
        if spec.matches(text):
            return spec
    keys = ", ".join(spec.key for spec in FIELDS[kind])
    raise MappingError(
        f"Champ inconnu « {text} » pour l'import « {kind.label} » : les champs sont {keys}."
    )


def apply_overrides(
    kind: ImportKind, headers: tuple[str, ...], mapping: Mapping, overrides: list[str]
) -> Mapping:
    """``mapping`` with the user's « Nom de colonne=champ » pairs applied, in order.

    « Colonne=champ » feeds the field from that column (and frees the column from any
    other field); « Colonne= » ignores the column. Column names compare like headers.

    Raises:
        MappingError: a pair without « = », a column not in the file, an unknown field.
    """
    result = dict(mapping)
    for pair in overrides:
        column, sep, key = pair.partition("=")
        if not sep:
            raise MappingError(
                f"« {pair} » : écrivez « Nom de colonne=champ » (par exemple "
                "« Nb d'heures=heures »)."
            )
        wanted = normalise(column)
        index = next((i for i, h in enumerate(headers) if normalise(h) == wanted), None)
        if index is None:
            listed = ", ".join(f"« {h} »" for h in headers if h)
            raise MappingError(f"Le fichier n'a pas de colonne « {column.strip()} » : "
                               f"ses colonnes sont {listed}.")
        result = {k: i for k, i in result.items() if i != index}
        if key.strip():
            result[field_by_key(kind, key).key] = index
    return result


def missing_required(kind: ImportKind, mapping: Mapping) -> list[FieldSpec]:
    """Required fields that no column feeds."""
    return [spec for spec in FIELDS[kind] if spec.required and spec.key not in mapping]

"""Synthetic names and texts of the demo: never real people.

Names carry letters outside Latin-1 on purpose (ğ, ł, ø, ş…): every screen, report and
font must show them. Free texts (observations, action titles) speak of places, groups
and trends, never of named people. Phone numbers use the « 06 39 98 » range the ARCEP
reserves for audiovisual fiction.
"""

from __future__ import annotations

from sps_desk.enums import CollectiveActionType, PartnerType, Role, Sex

ARRAS_TEAM: tuple[tuple[str, Role, float], ...] = (
    ("Zoé Kowalczyk", Role.HEAD, 1.0),
    ("Çağrı Demir", Role.SOCIAL_WORKER, 1.0),
    ("Łucja Nowak", Role.SOCIAL_WORKER, 1.0),
    ("Bjørn Ødegård", Role.SOCIAL_WORKER, 1.0),
    ("Œnone Lefèvre", Role.SOCIAL_WORKER, 0.83),
    ("Ines Şahin", Role.ADMINISTRATIVE, 0.5),
)
"""The team of Arras in 2022: 1 FTE chief, 3.83 FTE social workers, 0.5 FTE admin."""

PARTNERS: tuple[tuple[str, PartnerType], ...] = (
    ("Mission locale de l'Arrageois", PartnerType.MISSION_LOCALE),
    ("MDS de l'Arrageois", PartnerType.MDS),
    ("Maison des adolescents", PartnerType.MDA),
    ("Point accueil écoute jeunes", PartnerType.PAEJ),
    ("Collège du secteur Baudimont", PartnerType.COLLEGE),
    ("Collège du secteur Blancs Monts", PartnerType.COLLEGE),
    ("Lycée professionnel du bassin arrageois", PartnerType.LYCEE),
    ("PJJ – unité éducative de milieu ouvert", PartnerType.PJJ),
    ("CMP enfants et adolescents", PartnerType.CMP),
    ("Centre social des Blancs Monts", PartnerType.SOCIAL_CENTRE),
    ("Centre social de Baudimont", PartnerType.SOCIAL_CENTRE),
    ("Service de l'aide sociale à l'enfance", PartnerType.ASE),
    ("CCAS", PartnerType.CCAS),
    ("France Travail – agence d'Arras", PartnerType.FRANCE_TRAVAIL),
    ("Bailleur social du quartier", PartnerType.HOUSING),
    ("Foyer de jeunes travailleurs", PartnerType.HOUSING),
    ("CSAPA – consultation jeunes consommateurs", PartnerType.HEALTH),
    ("Club de boxe éducative", PartnerType.ASSOCIATION),
    ("Association de médiation numérique", PartnerType.ASSOCIATION),
    ("Service jeunesse de la ville", PartnerType.MUNICIPALITY),
    ("Gendarmerie – maison de protection des familles", PartnerType.OTHER),
)

NICKNAMES: dict[Sex, tuple[str, ...]] = {
    Sex.MALE: (
        "Ğazi", "Łuki", "Çelo", "Jérém", "Noé", "Kénan", "Ömer", "Barış", "Mathéo", "Rayan",
        "Ilyès", "Sofiane", "Théo", "Kylian", "Enzo", "Nassim", "Anıl", "Emré", "Loïc",
        "Maël", "Gaëtan", "Tomáš", "Žarko", "Dawid", "Yanış", "Aurélien", "Jaouën", "Bünyamin",
    ),
    Sex.FEMALE: (
        "Şule", "Anaïs", "Ildız", "Inès", "Chloé", "Maëlys", "Léa", "Océane", "Zeynep",
        "Ayşe", "Gülay", "Małgosia", "Élodie", "Noémie", "Naïma", "Aïcha", "Dilara", "Lilou",
        "Héloïse", "Kübra", "Agnieszka", "Maïwenn",
    ),
}
NICKNAMES[Sex.NOT_STATED] = ("Sam", "Alex", "Charlie", "Eden", "Noa")
NICKNAMES[Sex.OTHER] = NICKNAMES[Sex.NOT_STATED]

IDENTITIES: tuple[tuple[Sex, str, str], ...] = (
    (Sex.FEMALE, "Yılmaz", "Gülşen"),
    (Sex.MALE, "Wiśniewski", "Mikołaj"),
    (Sex.MALE, "Öztürk", "Emirhan"),
    (Sex.FEMALE, "Lefebvre-Haddad", "Maëlys"),
    (Sex.MALE, "Ferreira da Costa", "João"),
    (Sex.FEMALE, "Çelik", "Zeynep"),
    (Sex.FEMALE, "Nowakowska", "Żaneta"),
    (Sex.FEMALE, "Dumoulin", "Anaëlle"),
    (Sex.FEMALE, "Šimková", "Tereza"),
    (Sex.MALE, "Ben Saïd", "Ilyès"),
    (Sex.MALE, "Ørsted-Larsen", "Søren"),
    (Sex.MALE, "Durand-Kaçar", "Kévin"),
)
"""Synthetic identities (never real people), several letters outside Latin-1 on purpose."""

STREETS = ("des Glycines", "des Hirondelles", "des Peupliers", "des Coquelicots",
            "du Moulin-Fictif", "des Tisserands", "de la Vieille-Forge", "des Aubépines")

OBSERVATIONS: tuple[str, ...] = (
    "Groupe d'une dizaine de jeunes installés près du city-stade, ambiance calme.",
    "Tensions entre deux groupes autour du square ; à évoquer en réunion partenariale.",
    "Présence de mineurs tard le soir devant la supérette, peu d'adultes dans l'espace public.",
    "Éclairage public défaillant dans le passage piéton, signalé au service de la ville.",
    "Plusieurs jeunes demandent des informations sur les offres de la Mission locale.",
    "Sortie des collégiens animée, demandes d'activités pour les prochaines vacances.",
    "Regroupements dans les halls d'immeuble à cause de la pluie ; échanges avec le gardien.",
    "Consommation de protoxyde d'azote constatée (cartouches au sol) près des garages.",
    "Retour au calme après les incidents de la semaine précédente.",
    "Habitants inquiets de rodéos motorisés en soirée ; écoute et relais vers la médiation.",
    "Nouveau groupe de jeunes majeurs sans activité, premier contact établi.",
    "Forte fréquentation du terrain de foot ; plusieurs jeunes intéressés par le futsal.",
    "Des parents interpellent l'équipe sur le harcèlement en ligne entre collégiens.",
    "Quartier très calme, peu de jeunes dehors (période d'examens).",
    "Jeunes rencontrés près de l'arrêt de bus ; questions sur les jobs d'été.",
    "Échanges avec l'animateur du centre social sur les horaires d'ouverture du soir.",
    "Publications inquiétantes repérées sur un réseau social ; échange en message privé.",
    "Travaux de rénovation urbaine : les jeunes ont perdu leur lieu de regroupement habituel.",
    "Demandes répétées d'aide pour des démarches administratives en ligne.",
    "Présence de deux jeunes filles isolées, orientées vers la permanence du mercredi.",
)
"""Territorial observations: about places, groups and trends, never about named people."""

ACTION_TITLES: dict[CollectiveActionType, str] = {
    CollectiveActionType.WORK_PROJECT: "Chantier éducatif – rafraîchissement des halls",
    CollectiveActionType.RESIDENTIAL_TRIP: "Séjours éducatifs (Côte d'Opale, montagne)",
    CollectiveActionType.OUTING: "Sorties découverte et loisirs",
    CollectiveActionType.SPORT: "Futsal et boxe éducative en soirée",
    CollectiveActionType.CULTURE: "Atelier musique et écriture",
    CollectiveActionType.STREET_WORKSHOP: "Ateliers de rue au pied des immeubles",
    CollectiveActionType.DIGITAL: "Atelier numérique : CV, démarches en ligne, réseaux",
}

FIRST_NAMES: tuple[str, ...] = (
    "Zoé", "Çağrı", "Łucja", "Bjørn", "Œnone", "Inès", "Dmitri", "Ağa", "Søren", "Maëlle",
    "Grzegorz", "Aurélie", "Tuğba", "Jérôme", "Oksana", "Ælis", "Kübra", "Mikuláš",
    "Hélène", "Yusuf", "Žofia", "Noël", "Şeyma", "Gaëtan",
)
LAST_NAMES: tuple[str, ...] = (
    "Kowalczyk", "Demir", "Nowak", "Ødegård", "Lefèvre", "Şahin", "Wójcik", "Aydın",
    "Dąbrowski", "Mercier-Ngom", "Kılıç", "Häkkinen", "Bouchaïb", "Lindqvist", "Ćirić",
    "Da Silva Pérez", "Østergaard", "Łęcki", "Beaumé", "Yıldız", "Dvořák", "Achouri",
    "Gérôme", "Petrenko",
)
"""Parts of the synthetic names of a generated team and of extra identities."""

EXTRA_SECTORS: tuple[tuple[str, str], ...] = (
    ("Arras", "Saint-Michel"),
    ("Arras", "Jean Jaurès"),
    ("Saint-Laurent-Blangy", "Les Rosati"),
    ("Achicourt", "Centre"),
    ("Beaurains", "Les Bonnettes"),
    ("Dainville", "Le Moulin"),
    ("Saint-Nicolas", "Les Aubépines"),
    ("Arras", "Sainte-Catherine"),
    ("Tilloy-lès-Mofflaines", "Centre"),
    ("Anzin-Saint-Aubin", "La Scarpe"),
)
"""Neighbourhoods a larger team covers beyond the three of Arras (communes of the
Communauté urbaine d'Arras)."""

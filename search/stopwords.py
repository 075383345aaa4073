"""Stop words: the lists PostgreSQL's Snowball dictionaries use (tsearch_data/*.stop).

Copied word for word so the SQLite search drops exactly the words PostgreSQL drops
(to_tsvector and to_tsquery with the 'danish' and 'english' configurations). They are
compared with folded words as PostgreSQL compares them with ours: "paa" (på folded) is
not in the Danish list, on either database.
"""


def _words(text):
    return frozenset(text.split())


DANISH = _words(
    """
    ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine
    mit mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle
    som sådan thi til ud under var vi vil ville vor være været
    """
)

ENGLISH = _words(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing don down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own s same she should so some such t than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with you your yours yourself yourselves
    """
)

"""Stage 3, extract: the lists in each document's passages (sections, signatories, participants, addressees,
issuers), its demands, the countries named, and the editors' corrections applied. Depends on the text and on the
registries extraction reads (countries, naming) only: what it finds is kept between builds."""

"""The single-report sum checks of edition 2021: generated from their declarations by
``python -m disclosure_model._compiled`` and checked by tests/test_compiled.py; do not edit."""

# mypy: ignore-errors


def failing(r):
    failed = []
    x0 = r.requests
    x1 = x0.carried_forward
    x2 = x1.natural_person
    x3 = x0.new_received
    x4 = x3.natural_person
    x5 = x0.carried_over
    x6 = x5.natural_person
    x7 = x0.outcomes
    x8 = x7.total
    x9 = x8.natural_person
    if not (x2 == x4 + x6 - x9): failed.append(0)
    x10 = x1.commercial_enterprise
    x11 = x3.commercial_enterprise
    x12 = x5.commercial_enterprise
    x13 = x8.commercial_enterprise
    if not (x10 == x11 + x12 - x13): failed.append(1)
    x14 = x1.research_institution
    x15 = x3.research_institution
    x16 = x5.research_institution
    x17 = x8.research_institution
    if not (x14 == x15 + x16 - x17): failed.append(2)
    x18 = x1.social_welfare_organization
    x19 = x3.social_welfare_organization
    x20 = x5.social_welfare_organization
    x21 = x8.social_welfare_organization
    if not (x18 == x19 + x20 - x21): failed.append(3)
    x22 = x1.legal_service_organization
    x23 = x3.legal_service_organization
    x24 = x5.legal_service_organization
    x25 = x8.legal_service_organization
    if not (x22 == x23 + x24 - x25): failed.append(4)
    x26 = x1.other_organization
    x27 = x3.other_organization
    x28 = x5.other_organization
    x29 = x8.other_organization
    if not (x26 == x27 + x28 - x29): failed.append(5)
    x30 = x1.total
    x31 = x3.total
    x32 = x5.total
    x33 = x8.total
    if not (x30 == x31 + x32 - x33): failed.append(6)
    if not (x31 == x4 + x11 + x15 + x19 + x23 + x27): failed.append(7)
    if not (x32 == x6 + x12 + x16 + x20 + x24 + x28): failed.append(8)
    x34 = x7.disclosed
    x35 = x34.total
    x36 = x34.natural_person
    x37 = x34.commercial_enterprise
    x38 = x34.research_institution
    x39 = x34.social_welfare_organization
    x40 = x34.legal_service_organization
    x41 = x34.other_organization
    if not (x35 == x36 + x37 + x38 + x39 + x40 + x41): failed.append(9)
    x42 = x7.partially_disclosed
    x43 = x42.total
    x44 = x42.natural_person
    x45 = x42.commercial_enterprise
    x46 = x42.research_institution
    x47 = x42.social_welfare_organization
    x48 = x42.legal_service_organization
    x49 = x42.other_organization
    if not (x43 == x44 + x45 + x46 + x47 + x48 + x49): failed.append(10)
    x50 = x7.withheld
    x51 = x50.state_secret
    x52 = x51.total
    x53 = x51.natural_person
    x54 = x51.commercial_enterprise
    x55 = x51.research_institution
    x56 = x51.social_welfare_organization
    x57 = x51.legal_service_organization
    x58 = x51.other_organization
    if not (x52 == x53 + x54 + x55 + x56 + x57 + x58): failed.append(11)
    x59 = x50.prohibited_by_law
    x60 = x59.total
    x61 = x59.natural_person
    x62 = x59.commercial_enterprise
    x63 = x59.research_institution
    x64 = x59.social_welfare_organization
    x65 = x59.legal_service_organization
    x66 = x59.other_organization
    if not (x60 == x61 + x62 + x63 + x64 + x65 + x66): failed.append(12)
    x67 = x50.security_and_stability
    x68 = x67.total
    x69 = x67.natural_person
    x70 = x67.commercial_enterprise
    x71 = x67.research_institution
    x72 = x67.social_welfare_organization
    x73 = x67.legal_service_organization
    x74 = x67.other_organization
    if not (x68 == x69 + x70 + x71 + x72 + x73 + x74): failed.append(13)
    x75 = x50.third_party_rights
    x76 = x75.total
    x77 = x75.natural_person
    x78 = x75.commercial_enterprise
    x79 = x75.research_institution
    x80 = x75.social_welfare_organization
    x81 = x75.legal_service_organization
    x82 = x75.other_organization
    if not (x76 == x77 + x78 + x79 + x80 + x81 + x82): failed.append(14)
    x83 = x50.internal_affairs
    x84 = x83.total
    x85 = x83.natural_person
    x86 = x83.commercial_enterprise
    x87 = x83.research_institution
    x88 = x83.social_welfare_organization
    x89 = x83.legal_service_organization
    x90 = x83.other_organization
    if not (x84 == x85 + x86 + x87 + x88 + x89 + x90): failed.append(15)
    x91 = x50.process_information
    x92 = x91.total
    x93 = x91.natural_person
    x94 = x91.commercial_enterprise
    x95 = x91.research_institution
    x96 = x91.social_welfare_organization
    x97 = x91.legal_service_organization
    x98 = x91.other_organization
    if not (x92 == x93 + x94 + x95 + x96 + x97 + x98): failed.append(16)
    x99 = x50.enforcement_case_files
    x100 = x99.total
    x101 = x99.natural_person
    x102 = x99.commercial_enterprise
    x103 = x99.research_institution
    x104 = x99.social_welfare_organization
    x105 = x99.legal_service_organization
    x106 = x99.other_organization
    if not (x100 == x101 + x102 + x103 + x104 + x105 + x106): failed.append(17)
    x107 = x50.administrative_inquiry
    x108 = x107.total
    x109 = x107.natural_person
    x110 = x107.commercial_enterprise
    x111 = x107.research_institution
    x112 = x107.social_welfare_organization
    x113 = x107.legal_service_organization
    x114 = x107.other_organization
    if not (x108 == x109 + x110 + x111 + x112 + x113 + x114): failed.append(18)
    x115 = x7.unavailable
    x116 = x115.not_held
    x117 = x116.total
    x118 = x116.natural_person
    x119 = x116.commercial_enterprise
    x120 = x116.research_institution
    x121 = x116.social_welfare_organization
    x122 = x116.legal_service_organization
    x123 = x116.other_organization
    if not (x117 == x118 + x119 + x120 + x121 + x122 + x123): failed.append(19)
    x124 = x115.requires_compilation
    x125 = x124.total
    x126 = x124.natural_person
    x127 = x124.commercial_enterprise
    x128 = x124.research_institution
    x129 = x124.social_welfare_organization
    x130 = x124.legal_service_organization
    x131 = x124.other_organization
    if not (x125 == x126 + x127 + x128 + x129 + x130 + x131): failed.append(20)
    x132 = x115.unclear_after_correction
    x133 = x132.total
    x134 = x132.natural_person
    x135 = x132.commercial_enterprise
    x136 = x132.research_institution
    x137 = x132.social_welfare_organization
    x138 = x132.legal_service_organization
    x139 = x132.other_organization
    if not (x133 == x134 + x135 + x136 + x137 + x138 + x139): failed.append(21)
    x140 = x7.not_processed
    x141 = x140.petition_or_complaint
    x142 = x141.total
    x143 = x141.natural_person
    x144 = x141.commercial_enterprise
    x145 = x141.research_institution
    x146 = x141.social_welfare_organization
    x147 = x141.legal_service_organization
    x148 = x141.other_organization
    if not (x142 == x143 + x144 + x145 + x146 + x147 + x148): failed.append(22)
    x149 = x140.duplicate
    x150 = x149.total
    x151 = x149.natural_person
    x152 = x149.commercial_enterprise
    x153 = x149.research_institution
    x154 = x149.social_welfare_organization
    x155 = x149.legal_service_organization
    x156 = x149.other_organization
    if not (x150 == x151 + x152 + x153 + x154 + x155 + x156): failed.append(23)
    x157 = x140.publication_requested
    x158 = x157.total
    x159 = x157.natural_person
    x160 = x157.commercial_enterprise
    x161 = x157.research_institution
    x162 = x157.social_welfare_organization
    x163 = x157.legal_service_organization
    x164 = x157.other_organization
    if not (x158 == x159 + x160 + x161 + x162 + x163 + x164): failed.append(24)
    x165 = x140.excessive
    x166 = x165.total
    x167 = x165.natural_person
    x168 = x165.commercial_enterprise
    x169 = x165.research_institution
    x170 = x165.social_welfare_organization
    x171 = x165.legal_service_organization
    x172 = x165.other_organization
    if not (x166 == x167 + x168 + x169 + x170 + x171 + x172): failed.append(25)
    x173 = x140.confirmation_requested
    x174 = x173.total
    x175 = x173.natural_person
    x176 = x173.commercial_enterprise
    x177 = x173.research_institution
    x178 = x173.social_welfare_organization
    x179 = x173.legal_service_organization
    x180 = x173.other_organization
    if not (x174 == x175 + x176 + x177 + x178 + x179 + x180): failed.append(26)
    x181 = x7.other
    x182 = x181.no_correction
    x183 = x182.total
    x184 = x182.natural_person
    x185 = x182.commercial_enterprise
    x186 = x182.research_institution
    x187 = x182.social_welfare_organization
    x188 = x182.legal_service_organization
    x189 = x182.other_organization
    if not (x183 == x184 + x185 + x186 + x187 + x188 + x189): failed.append(27)
    x190 = x181.fee_unpaid
    x191 = x190.total
    x192 = x190.natural_person
    x193 = x190.commercial_enterprise
    x194 = x190.research_institution
    x195 = x190.social_welfare_organization
    x196 = x190.legal_service_organization
    x197 = x190.other_organization
    if not (x191 == x192 + x193 + x194 + x195 + x196 + x197): failed.append(28)
    x198 = x181.other
    x199 = x198.total
    x200 = x198.natural_person
    x201 = x198.commercial_enterprise
    x202 = x198.research_institution
    x203 = x198.social_welfare_organization
    x204 = x198.legal_service_organization
    x205 = x198.other_organization
    if not (x199 == x200 + x201 + x202 + x203 + x204 + x205): failed.append(29)
    if not (x33 == x9 + x13 + x17 + x21 + x25 + x29): failed.append(30)
    if not (x30 == x2 + x10 + x14 + x18 + x22 + x26): failed.append(31)
    if not (x9 == x36 + x44 + x53 + x61 + x69 + x77 + x85 + x93 + x101 + x109 + x118 + x126 + x134 + x143 + x151 + x159 + x167 + x175 + x184 + x192 + x200): failed.append(32)
    if not (x13 == x37 + x45 + x54 + x62 + x70 + x78 + x86 + x94 + x102 + x110 + x119 + x127 + x135 + x144 + x152 + x160 + x168 + x176 + x185 + x193 + x201): failed.append(33)
    if not (x17 == x38 + x46 + x55 + x63 + x71 + x79 + x87 + x95 + x103 + x111 + x120 + x128 + x136 + x145 + x153 + x161 + x169 + x177 + x186 + x194 + x202): failed.append(34)
    if not (x21 == x39 + x47 + x56 + x64 + x72 + x80 + x88 + x96 + x104 + x112 + x121 + x129 + x137 + x146 + x154 + x162 + x170 + x178 + x187 + x195 + x203): failed.append(35)
    if not (x25 == x40 + x48 + x57 + x65 + x73 + x81 + x89 + x97 + x105 + x113 + x122 + x130 + x138 + x147 + x155 + x163 + x171 + x179 + x188 + x196 + x204): failed.append(36)
    if not (x29 == x41 + x49 + x58 + x66 + x74 + x82 + x90 + x98 + x106 + x114 + x123 + x131 + x139 + x148 + x156 + x164 + x172 + x180 + x189 + x197 + x205): failed.append(37)
    if not (x33 == x35 + x43 + x52 + x60 + x68 + x76 + x84 + x92 + x100 + x108 + x117 + x125 + x133 + x142 + x150 + x158 + x166 + x174 + x183 + x191 + x199): failed.append(38)
    x206 = r.reviews_and_litigation
    x207 = x206.administrative_review
    x208 = x207.total
    x209 = x207.upheld
    x210 = x207.corrected
    x211 = x207.other
    x212 = x207.pending
    if not (x208 == x209 + x210 + x211 + x212): failed.append(39)
    x213 = x206.litigation_without_review
    x214 = x213.total
    x215 = x213.upheld
    x216 = x213.corrected
    x217 = x213.other
    x218 = x213.pending
    if not (x214 == x215 + x216 + x217 + x218): failed.append(40)
    x219 = x206.litigation_after_review
    x220 = x219.total
    x221 = x219.upheld
    x222 = x219.corrected
    x223 = x219.other
    x224 = x219.pending
    if not (x220 == x221 + x222 + x223 + x224): failed.append(41)
    return failed


COUNTS = {'T3-1': 7, 'T3-2': 25, 'T3-3': 7, 'T4-1': 3}

"""English texts of the demo catalogue (catalog/demo.py), as an OPD would type them in the
English fields of the admin. Terms follow docs/glossary-en.csv.

`apply()` fills only English fields that are still empty, so running the demo loader again
never overwrites what an admin wrote. Requirement and step names are keyed by their Indonesian
text, because the demo reuses them across services.
"""

from satupintu.catalog.models import LifeEvent, Requirement, Service, WorkflowStep

LIFE_EVENTS = {
    "kelahiran": ("Birth", "Registering a child's birth and first documents."),
    "kematian": ("Death", "Registering a family member's death and what follows."),
    "perkawinan": ("Marriage", "Changes to family data after a marriage or divorce."),
    "pindah": ("Moving house", "Moving in, moving out, proof of residence."),
    "usaha": ("Starting a business", "Permits and letters for micro, small and medium businesses."),
    "pekerjaan": (
        "Looking for work",
        "Job seeker card, police clearance and letters for job applications.",
    ),
    "pendidikan": ("Education", "Schools, scholarships and reduced school fees."),
    "kesehatan": ("Health", "Health insurance, health services and health permits."),
    "bantuan-sosial": ("Social assistance", "Assistance and reduced fees for low-income families."),
}

COMPLAINTS = (
    "Complaints, suggestions and feedback can be sent through Complaints and aspirations on "
    "Satu Pintu, SP4N-LAPOR!, or in person at the complaints desk of the office providing the "
    "service. Complaints are verified within 3 working days and followed up within 5 working days."
)
ONLINE_PROCEDURE = (
    "1. The applicant fills in the form and uploads the requirements on Satu Pintu (or comes to "
    "the counter).\n"
    "2. An officer checks the documents; if something is missing, the applicant is asked to "
    "complete it.\n"
    "3. The application is processed and approved by the authorised official.\n"
    "4. The result document is issued with an electronic signature and can be downloaded or "
    "collected."
)
IN_PERSON_PROCEDURE = ONLINE_PROCEDURE.replace(
    "on Satu Pintu (or comes to the counter)", "at the counter of the office"
).replace("can be downloaded or collected", "is collected at the counter")
FREE = "Free of charge."

# slug: (name, other names, summary, fee note, product)
SERVICES = {
    "akta-kelahiran": (
        "Birth Certificate",
        "birth certificate, birth registration, child's certificate",
        "A birth certificate for a child born in Balikpapan or whose parents live in "
        "Balikpapan; the Family Card is updated at the same time.",
        "Free of charge (Law 24/2013 amending Law 23/2006).",
        "Birth certificate extract (an electronic document with an electronic signature) and an "
        "updated Family Card.",
    ),
    "akta-kematian": (
        "Death Certificate",
        "death certificate, death registration, report a death",
        "A death certificate for a Balikpapan resident who has died, reported by the family; "
        "the Family Card data are updated.",
        FREE,
        "Death certificate extract and an updated Family Card.",
    ),
    "perubahan-kk": (
        "Family Card Update",
        "family card, KK, change family card, add family member, split family card",
        "A new Family Card (KK) when a family member is added or removed, a family card is "
        "split, or data change (education, occupation, marital status).",
        FREE,
        "Family Card (an electronic document you print yourself on A4 paper).",
    ),
    "surat-pindah": (
        "Moving Certificate (SKPWNI)",
        "moving certificate, moving out, change of address, SKPWNI",
        "A moving certificate for Balikpapan residents moving to another city or regency, or "
        "between kecamatan within Balikpapan.",
        FREE,
        "Moving Certificate for Indonesian Citizens (SKPWNI).",
    ),
    "izin-usaha-mikro": (
        "Micro and Small Business Permit (IUMK) / NIB",
        "business permit, micro business, small business, business identification number, OSS",
        "Help registering a Business Identification Number (NIB) in OSS and issuing a micro "
        "and small business permit for Balikpapan's small businesses.",
        FREE,
        "Business Identification Number (NIB) and Micro and Small Business Permit.",
    ),
    "izin-reklame": (
        "Advertising Permit",
        "advertising permit, billboard, banner, signboard, neon box",
        "A permit to put up permanent advertising (boards, billboards, neon boxes) or temporary "
        "advertising (banners) in the City of Balikpapan.",
        "No permit fee; advertising tax is paid to BPPDRD under the city's regional regulation "
        "on regional taxes and levies.",
        "Advertising Permit.",
    ),
    "sktm": (
        "Certificate of Low Income (SKTM)",
        "low income certificate, poverty certificate, reduced fees, DTKS",
        "A certificate for low-income families to get reduced education or health fees, after "
        "a check in the Integrated Social Welfare Data (DTKS).",
        FREE,
        "Certificate of Low Income.",
    ),
    "sertifikat-laik-higiene": (
        "Hygiene and Sanitation Certificate (SLHS)",
        "hygiene certificate, sanitation certificate, restaurant permit, catering, "
        "drinking water depot",
        "A hygiene and sanitation certificate for restaurants, caterers, drinking water depots "
        "and other food businesses, after an inspection and sample tests.",
        "Laboratory sample test levy under the regional regulation; paid after the inspection.",
        "Hygiene and Sanitation Certificate, valid for 3 years.",
    ),
    "rekomendasi-pbi-jk": (
        "Regional Health Insurance Recommendation (PBI-JK)",
        "free health insurance, BPJS, KIS, health insurance contribution paid by the city",
        "A recommendation for the City of Balikpapan to pay the BPJS Kesehatan contributions of "
        "low-income residents (regional contribution assistance).",
        FREE,
        "Recommendation letter for regional PBI-JK membership.",
    ),
    "kartu-kuning-ak1": (
        "Job Seeker Card (Yellow Card/AK-1)",
        "yellow card, AK-1, AK1, job seeker card, job application",
        "Proof of registration as a job seeker (AK-1) for job applications, valid for 2 years "
        "and reported every 6 months.",
        FREE,
        "Electronic AK-1 card (yellow card).",
    ),
    "pindah-sekolah": (
        "School Transfer Recommendation",
        "school transfer, change school, pupil transfer, primary school, junior high school",
        "A recommendation for primary or junior high school pupils moving to or from a school "
        "in the City of Balikpapan.",
        FREE,
        "School transfer recommendation letter.",
    ),
    "surat-keterangan-domisili": (
        "Certificate of Residence",
        "residence certificate, proof of address, business address",
        "A certificate that you live (or run a business) in Kelurahan Sepinggan, for "
        "administrative purposes.",
        FREE,
        "Certificate of Residence signed by the lurah.",
    ),
    "pengantar-skck": (
        "Police Clearance Cover Letter (SKCK)",
        "police clearance, police record, certificate of good conduct, SKCK",
        "A cover letter from the kelurahan to apply for a police clearance certificate (SKCK) "
        "at the police station.",
        "Free of charge at the kelurahan (the SKCK fee is paid to the police).",
        "SKCK cover letter signed by the lurah.",
    ),
    "surat-keterangan-usaha": (
        "Business Certificate (SKU)",
        "business certificate, proof of business, bank loan, KUR",
        "A certificate that you run a business in Kelurahan Klandasan Ulu, e.g. to apply for "
        "a People's Business Credit (KUR) loan.",
        FREE,
        "Business Certificate signed by the lurah.",
    ),
}

# Indonesian requirement name or description -> English.
REQUIREMENTS = {
    "Surat keterangan lahir dari bidan, dokter atau rumah sakit": (
        "Birth notification from the midwife, doctor or hospital"
    ),
    "Kartu Keluarga (KK)": "Family Card (KK)",
    "KK terbaru tempat pemohon terdaftar.": "The latest Family Card the applicant is listed on.",
    "KTP-el ayah dan ibu": "Father's and mother's e-KTP",
    "Buku nikah atau akta perkawinan orang tua": "Parents' marriage book or marriage certificate",
    "Jika tidak ada, isi SPTJM kebenaran pasangan suami istri.": (
        "If there is none, fill in the SPTJM statement that you are a married couple."
    ),
    "KTP-el dua orang saksi": "e-KTP of two witnesses",
    "Surat keterangan kematian dari rumah sakit/dokter atau kelurahan": (
        "Death notification from the hospital/doctor or the kelurahan"
    ),
    "KTP-el almarhum/almarhumah": "e-KTP of the deceased",
    "Asli diserahkan ke petugas.": "The original is handed to the officer.",
    "KTP-el pelapor": "e-KTP of the person reporting",
    "KTP-el kepala keluarga": "e-KTP of the head of the family",
    "Dokumen dasar perubahan": "Document the change is based on",
    "Mis. akta kelahiran, buku nikah, ijazah, atau surat pindah.": (
        "E.g. a birth certificate, marriage book, diploma or moving certificate."
    ),
    "Formulir F-1.01 yang ditandatangani": "Signed form F-1.01",
    "KTP-el pemohon": "Applicant's e-KTP",
    "Pindaian atau foto yang jelas.": "A clear scan or photo.",
    "Surat keterangan domisili usaha dari kelurahan": (
        "Business address certificate from the kelurahan"
    ),
    "Foto tempat usaha": "Photo of the business premises",
    "NPWP pemilik": "Owner's tax number (NPWP)",
    "Desain/gambar reklame dengan ukuran": "Design/drawing of the advertisement with its size",
    "Foto lokasi pemasangan": "Photo of the installation site",
    "Surat persetujuan pemilik lahan/bangunan": "Consent letter from the land/building owner",
    "Gambar konstruksi (reklame di atas 8 m²)": "Construction drawing (advertisements over 8 m²)",
    "Surat pengantar RT dan kelurahan": "Cover letter from the RT and the kelurahan",
    "Foto rumah tampak depan": "Photo of the front of the house",
    "Nomor Induk Berusaha (NIB)": "Business Identification Number (NIB)",
    "Denah lokasi dan bangunan": "Site and building plan",
    "Sertifikat kursus penjamah pangan": "Food handler course certificate",
    "Surat Keterangan Tidak Mampu": "Certificate of Low Income",
    "Ijazah terakhir": "Latest diploma",
    "Pas foto 3×4 latar merah": "3×4 passport photo, red background",
    "Sertifikat pelatihan/keahlian": "Training/skills certificate",
    "Surat keterangan pindah dari sekolah asal": "Transfer letter from the current school",
    "Rapor terakhir": "Latest school report",
    "Surat keterangan diterima dari sekolah tujuan": "Acceptance letter from the new school",
    "Surat pengantar RT": "Cover letter from the RT",
    "Surat pengantar RT/RW": "Cover letter from the RT/RW",
    "Pas foto 4×6 latar merah": "4×6 passport photo, red background",
}

# Indonesian workflow step name -> English.
STEPS = {
    "Verifikasi berkas": "Document check",
    "Pemrosesan teknis": "Technical processing",
    "Persetujuan kepala": "Approval by the head of office",
    "Penerbitan dokumen": "Issuing the document",
    "Verifikasi data dan ijazah": "Checking data and diploma",
    "Pengesahan kartu": "Card approval",
    "Verifikasi berkas oleh petugas kelurahan": "Document check by the kelurahan officer",
    "Tanda tangan lurah": "Signature of the lurah",
    "Penyerahan surat": "Handing over the letter",
}


def _fill(obj, values: dict) -> bool:
    """Set each `<field>_en` that is empty; True when something changed."""
    changed = [name for name, text in values.items() if text and not getattr(obj, f"{name}_en")]
    for name in changed:
        setattr(obj, f"{name}_en", values[name])
    if changed:
        obj.save(update_fields=[f"{name}_en" for name in changed])
    return bool(changed)


def apply() -> int:
    """Fill the empty English fields of the demo catalogue; returns how many rows changed."""
    changed = 0
    for event in LifeEvent.objects.filter(slug__in=LIFE_EVENTS):
        name, description = LIFE_EVENTS[event.slug]
        changed += _fill(event, {"name": name, "description": description})
    for service in Service.objects.filter(slug__in=SERVICES):
        name, synonyms, summary, fee_note, product = SERVICES[service.slug]
        online = service.delivery != Service.Delivery.IN_PERSON
        changed += _fill(
            service,
            {
                "name": name,
                "synonyms": synonyms,
                "summary": summary,
                "fee_note": fee_note,
                "product": product,
                "procedure": ONLINE_PROCEDURE if online else IN_PERSON_PROCEDURE,
                "complaint_handling": COMPLAINTS,
            },
        )
    for requirement in Requirement.objects.filter(service__slug__in=SERVICES):
        changed += _fill(
            requirement,
            {
                "name": REQUIREMENTS.get(requirement.name_ind or ""),
                "description": REQUIREMENTS.get(requirement.description_ind or ""),
            },
        )
    for step in WorkflowStep.objects.filter(service__slug__in=SERVICES):
        changed += _fill(step, {"name": STEPS.get(step.name_ind or "")})
    return changed


# --- Application forms (ui["i18n"]["en"], catalog/form_i18n.py), by Indonesian text --------------

FORM_STEPS = {
    "Alamat tujuan": "New address",
    "Data anak": "Child",
    "Data kepala keluarga/pemohon": "Head of the family/applicant",
    "Data orang tua": "Parents",
    "Data orang tua/wali": "Parent/guardian",
    "Data pelapor": "Person reporting",
    "Data pemilik usaha": "Business owner",
    "Data pemohon": "Applicant",
    "Data penanggung jawab": "Person in charge",
    "Data pencari kerja": "Job seeker",
    "Data penyelenggara": "Advertiser",
    "Data reklame": "Advertisement",
    "Data siswa": "Pupil",
    "Data tempat usaha": "Business premises",
    "Data usaha": "Business",
    "Data yang meninggal": "The deceased",
    "Jenis perubahan": "Type of change",
    "Keperluan": "Purpose",
    "Pendidikan dan keahlian": "Education and skills",
    "Peserta": "Member",
}
FORM_FIELDS = {
    "Akhir tayang": "Display ends",
    "Alamat sesuai KTP-el": "Address as on your e-KTP",
    "Alamat tempat usaha": "Address of the business premises",
    "Alamat tujuan lengkap": "Full new address",
    "Alamat usaha": "Business address",
    "Alasan pindah": "Reason for moving",
    "Anak ke-": "Birth order (1 for the first child)",
    "Bidang usaha": "Line of business",
    "Domisili untuk": "Residence certificate for",
    "Hubungan dengan anak": "Relationship to the child",
    "Jenis kelamin": "Sex",
    "Jenis perubahan": "Type of change",
    "Jenis reklame": "Type of advertisement",
    "Jenis tempat pengelolaan pangan": "Type of food business",
    "Jenis usaha": "Type of business",
    "Jumlah anggota keluarga didaftarkan": "Number of family members to register",
    "Jumlah anggota keluarga yang pindah": "Number of family members moving",
    "Jumlah pekerja": "Number of workers",
    "Jumlah penjamah pangan": "Number of food handlers",
    "Jumlah tanggungan": "Number of dependants",
    "Jurusan": "Field of study",
    "Keahlian/pengalaman kerja": "Skills/work experience",
    "Kelas": "Class",
    "Keperluan": "Purpose",
    "Keperluan SKCK": "Purpose of the police clearance",
    "Keterangan perubahan": "Details of the change",
    "Keterangan tambahan": "Additional information",
    "Kota/kabupaten tujuan": "Destination city/regency",
    "Lama tinggal (tahun)": "Years lived there",
    "Lokasi pemasangan": "Installation site",
    "Modal usaha (Rp)": "Business capital (Rp)",
    "Mulai tayang": "Display starts",
    "NIK almarhum/almarhumah": "NIK of the deceased",
    "NIK ayah": "Father's NIK",
    "NIK ibu": "Mother's NIK",
    "NIK pelapor": "NIK of the person reporting",
    "NIK pemohon": "Applicant's NIK",
    "NISN": "NISN (national pupil number)",
    "Nama almarhum/almarhumah": "Name of the deceased",
    "Nama ayah": "Father's name",
    "Nama ibu": "Mother's name",
    "Nama lengkap anak": "Child's full name",
    "Nama lengkap pemohon": "Applicant's full name",
    "Nama pelapor": "Name of the person reporting",
    "Nama siswa": "Pupil's name",
    "Nama tempat usaha": "Name of the business premises",
    "Nama usaha": "Business name",
    "Naskah/isi reklame": "Text/content of the advertisement",
    "Nomor HP/WhatsApp": "Mobile/WhatsApp number",
    "Nomor KK": "Family Card number",
    "Nomor KK saat ini": "Current Family Card number",
    "Nomor Kartu Keluarga": "Family Card number",
    "Pendidikan terakhir": "Highest education",
    "Penghasilan keluarga per bulan (Rp)": "Family income per month (Rp)",
    "Puskesmas/klinik pilihan": "Chosen community health centre/clinic",
    "RT": "RT",
    "Rencana tanggal pindah": "Planned moving date",
    "Sebab kematian": "Cause of death",
    "Sekolah asal": "Current school",
    "Sekolah tujuan": "New school",
    "Tahun lulus": "Year of graduation",
    "Tanggal lahir": "Date of birth",
    "Tanggal meninggal": "Date of death",
    "Tanggal mulai usaha": "Date the business started",
    "Tempat dilahirkan": "Place of delivery",
    "Tempat lahir (kota/kabupaten)": "Place of birth (city/regency)",
    "Tempat meninggal": "Place of death",
    "Ukuran (panjang × lebar, meter)": "Size (length × width, metres)",
    "Usaha berjalan sejak": "Business running since",
}
FORM_HELP = {
    "16 angka, sesuai KTP-el.": "16 digits, as on your e-KTP.",
    "Untuk kabar permohonan.": "For updates on your application.",
}
FORM_OPTIONS = {
    "Anggota keluarga lain": "Other family member",
    "Ayah": "Father",
    "Baliho": "Large banner",
    "Bantuan modal": "Business capital assistance",
    "Bantuan sosial": "Social assistance",
    "Depot air minum": "Drinking water depot",
    "Ibu": "Mother",
    "Industri rumah tangga pangan": "Home food industry",
    "Jasa": "Services",
    "Jasa boga": "Catering",
    "KK hilang/rusak": "Family Card lost/damaged",
    "Kantin": "Canteen",
    "Kecelakaan": "Accident",
    "Keluarga": "Family",
    "Kerajinan": "Crafts",
    "Keringanan biaya rumah sakit": "Reduced hospital fees",
    "Keringanan biaya sekolah/kuliah": "Reduced school/university fees",
    "Kesehatan": "Health",
    "Kuliner": "Food and drink",
    "Kurangi anggota keluarga": "Remove a family member",
    "Lainnya": "Other",
    "Laki-laki": "Male",
    "Lembaga/yayasan": "Institution/foundation",
    "Melamar pekerjaan": "Job application",
    "Melanjutkan sekolah": "Further education",
    "Neon box": "Neon box",
    "Papan/billboard": "Board/billboard",
    "Pecah KK": "Split the Family Card",
    "Pekerjaan": "Work",
    "Pendaftaran CPNS/TNI/Polri": "Civil service/armed forces/police recruitment",
    "Pendidikan": "Education",
    "Pengajuan KUR/pinjaman": "KUR/loan application",
    "Perdagangan eceran": "Retail trade",
    "Perempuan": "Female",
    "Pertanian/perikanan": "Farming/fishing",
    "Perubahan data anggota": "Change of a member's data",
    "Perumahan": "Housing",
    "Polindes/bidan": "Village maternity post/midwife",
    "Puskesmas": "Community health centre (puskesmas)",
    "Rumah": "Home",
    "Rumah makan/restoran": "Restaurant",
    "Rumah sakit/klinik": "Hospital/clinic",
    "SD": "Primary school",
    "SMP": "Junior high school",
    "SMA/SMK": "Senior/vocational high school",
    "Sakit biasa/tua": "Illness/old age",
    "Spanduk": "Banner",
    "Tambah anggota keluarga": "Add a family member",
    "Tempat tinggal": "Home address",
    "Tidak diketahui": "Unknown",
    "Usaha": "Business",
    "Videotron": "Video screen",
    "Visa/luar negeri": "Visa/abroad",
    "Wabah penyakit": "Epidemic",
    "Wali": "Guardian",
}


def with_english_form(schema: dict, ui: dict) -> dict:
    """`ui` with `i18n.en` built from the tables above (the demo's forms share their texts)."""
    fields = {}
    for name, prop in (schema.get("properties") or {}).items():
        hint = (ui.get("fields") or {}).get(name) or {}
        texts = {
            "title": FORM_FIELDS.get(prop.get("title", ""), ""),
            "help": FORM_HELP.get(hint.get("help", ""), ""),
            "options": {v: FORM_OPTIONS[v] for v in prop.get("enum") or [] if v in FORM_OPTIONS},
        }
        texts = {key: value for key, value in texts.items() if value}
        if texts:
            fields[name] = texts
    steps = [FORM_STEPS.get(step.get("title", ""), "") for step in ui.get("steps") or []]
    return {**ui, "i18n": {"en": {"steps": steps, "fields": fields}}}

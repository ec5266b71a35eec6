"""English names of the demo complaint categories (demo/data.py), as a city admin would type
them in the English field; terms follow docs/glossary-en.csv."""

COMPLAINT_CATEGORY_NAMES = {
    "jalan-rusak": "Damaged road or potholes",
    "drainase-banjir": "Blocked drain / flooding",
    "lampu-jalan": "Street light not working",
    "sampah": "Rubbish not collected",
    "layanan-kesehatan": "Community health centre or hospital services",
    "adminduk": "KTP, KK, certificates (civil registration)",
    "ketertiban": "Public order",
    "pungli": "Illegal fees or officer behaviour",
    "informasi": "Request for public information",
    "lainnya": "Other",
}
